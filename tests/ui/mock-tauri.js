// A stand-in for window.__TAURI__ so ui/ can be developed and screenshotted in a plain browser.
// Not shipped. Load it before ui/app.js. It follows docs/ipc.md: failed commands reject with
// {code, message, field}; preview_command hands out a token that send_command must carry;
// state.confirm is the tray asking for a confirmation.
// Select a canned state with
// ?state=online|retrying|offline|unconfigured|implausible|alarm|alarmonly|snoozed|quiet|rawlow
// (quiet: snoozed, nothing active; alarmonly: only an alarm is active, nothing to snooze;
// rawlow: the reading is below the band but the watch has raised nothing yet).
// Extra helpers for screenshots: ?view=settings opens the settings, ?dialog=start|stop|auto opens a confirmation,
// ?send=1 (with ?dialog) confirms it, ?outcome=error shows a failed command, ?log=all expands the alert log,
// ?snooze=1h|tomorrow|off clicks that snooze button, ?snoozefail=1 makes snoozing fail,
// ?save=1 (with ?view=settings) saves the settings form, ?lowalarm=2.5 (with ?save=1) enters that alarm
// level first (one out of bounds shows the backend's error, "abc" the window's own), ?password=… (with ?save=1) types a password
// (the mock accepts "service"), ?test=1 (with ?view=settings) clicks Test connection,
// ?confirm=start|stop|auto is the tray asking to confirm that command, ?previewfail=FIELD makes
// preview_command fail for that command field, ?expand=1 (with ?dialog) opens "What will be sent".
// History: ?view=history opens it, ?range=7d|30d|1y picks a period, ?hist=empty|off|demo gives no
// history yet / "Keep history" off (readings up to 3 days ago) / demo data, ?export=1|cancel|fail
// clicks Export CSV (saved / the owner cancels the dialog / a typed error), ?zoom=1 drags across the
// pressure chart. history_query answers from a model: a reading every 5 min for 200 days, with
// outages (gaps) yesterday 18:02-18:42, 12 days ago 02:00-14:00 and 40-37 days ago, a null day
// 5 days ago (a counter reset), alert events from the log and two pressure warnings.
// Language: ?lang=en|nl|system is the Settings' choice (default: system), ?syslang=nl the system's
// (default: en); state.language is the one in use, and get_catalogue serves that language's real
// catalogue: the five .ftl files of crates/nestore-i18n/locales, which screenshot.sh copies to
// locales/ beside the page, joined in the backend's order. A save with another `language` changes
// state.language and pushes the state, as the backend does. The canned backend words of the
// online state (its alert log, the active alert lines) come in Dutch too.
// Find my NEStore: `discover` finds two NEStores (nestore.home, found by name, API v3, 63 %; and
// 192.168.1.37, found by the sweep, API v2, no charge reported), each sent as a `discovery-hit`
// event before it answers; ?find=none finds none; ?find=1|none clicks the Find button of the
// view shown (Settings, the first-run card, the offline notice). A second search while one runs
// is refused. Test connection fails for 10.0.0.99.
// Charge timers: get_settings has two (Mon-Fri 22:00-06:00 charge at 2000 W up to 90 %; Sat, Sun
// 17:00-20:00 hold off), ?timers=none none; save_settings keeps `timers` (absent: unchanged) and
// refuses a rule without days, cheapest hours that do not fit, or two enabled ones that overlap, as the backend does (field
// "timers", "Timer 2: it overlaps timer 1"). ?timer=next|active puts a timer window in
// state.timers (the next one, Tuesday 02:00-05:00, or a charge in progress until 05:00);
// ?timeradd=1 (with ?view=settings) adds a timer, ?timersave=overlap then saves an overlapping one.
// Prices (state.prices, docs/ipc.md): ?prices=cheapest is a timer in its 2 cheapest hours of the
// coming night (01:00-07:00), chosen from 48 hourly prices from today 00:00 (03:00-04:00 at
// 11 ct/kWh and 05:00-06:00 at -1 ct/kWh; also -3 ct/kWh today 13:00, not chosen), and
// state.timers.next with basis "cheapest"; ?prices=fallback has today's prices only, tomorrow's
// "not published yet", and the timer in its last 2 hours (05:00-07:00, basis "fallback").
// Running low and the price source: get_settings has low_charge_pct null (?lowcharge=N: N) and
// price_source "energy_zero"; save_settings refuses a level outside 5-90 (field
// "low_charge_pct") and another source (field "price_source"), as the backend does.
// Updates of the app: check_for_updates finds what ?update=latest|available|offline says
// (default latest; offline: "could not check", quiet), 0.2.0 with notes that hold HTML-like text;
// ?update=found is the quiet daily check's 0.2.0 in the state at start (?update=refused: and an
// install of it refused before the window opened); install_update refuses
// (a signature that does not match) unless ?install=ok. ?updatecheck=1 (with ?view=settings)
// clicks Check for updates, &updateinstall=1 then Install version 0.2.0…, =confirm also confirms.
// window.__mock exposes the state, the calls made and emit() for tests/ui/checks.js;
// __mock.saveError = {code, message, field} makes the next save_settings fail with it;
// __mock.holdDiscovery = true leaves a search to the check: __mock.discoveryHit(hit) sends one
// hit, __mock.discoveryFinish({complete, swept}) answers `discover` with the hits sent.
(() => {
  'use strict';
  const q = new URLSearchParams(location.search);
  /** A failed command, as the backend rejects it. */
  const fail = (code, message, field) => ({ code, message, field: field || null });
  const which = q.get('state') || 'online';
  const SYSTEM_LANGUAGE = q.get('syslang') === 'nl' ? 'nl' : 'en';
  const CHOICE = ['en', 'nl', 'system'].includes(q.get('lang')) ? q.get('lang') : 'system';
  const resolve = (choice) => (choice === 'system' ? SYSTEM_LANGUAGE : choice);
  const NL = resolve(CHOICE) === 'nl';
  const FTL_FILES = ['watch', 'app', 'tray', 'window', 'cli']; // nestore_i18n::Language::files
  const iso = (minutesAgo) => new Date(Date.now() - minutesAgo * 60000).toISOString();
  // A local time of day `daysAgo` days back (today's, or yesterday's if it is still to come).
  const atLocal = (daysAgo, h, m) => {
    const d = new Date();
    d.setHours(h, m, 0, 0);
    d.setDate(d.getDate() - daysAgo);
    if (d.getTime() > Date.now()) d.setDate(d.getDate() - 1);
    return d.toISOString();
  };
  const inMinutes = (m) => new Date(Date.now() + m * 60000).toISOString();

  const THRESHOLDS = { low_bar: 2.0, low_alarm_bar: 1.5, high_bar: 3.0, high_alarm_bar: 3.5, hysteresis_bar: 0.1,
    leak_bar_per_6h: 0.2, hold_readings: 2, offline_grace_min: 15, reminder_h: 12, quiet_hours: null };
  const bandOf = (t) => ({ low_bar: t.low_bar, high_bar: t.high_bar, low_alarm_bar: t.low_alarm_bar, high_alarm_bar: t.high_alarm_bar });

  function entry(at, kind, severity, phase, title, body, pressure_bar, soc_pct, suppressed_by) {
    return { at, kind, severity, phase, title, body, pressure_bar, soc_pct,
      notified: !suppressed_by, suppressed_by: suppressed_by || null };
  }

  // An ordinary history: nothing active.
  const QUIET_LOG = () => (NL ? [
    entry(iso(95), 'charge_finished', 'info', 'raised', 'Klaar met laden',
      'De laadtoestand is 90 % (doel: 90 %). Het warme water staat klaar.', 2.52, 90.2),
    entry(atLocal(1, 18, 42), 'offline', 'warning', 'recovered', 'NEStore weer bereikbaar',
      'De app bereikt je NEStore weer. Hij was 40 min niet bereikbaar (sinds 18:02).', 2.38, 55.0),
    entry(atLocal(1, 18, 17), 'offline', 'warning', 'raised', 'NEStore niet bereikbaar',
      'De app kan je NEStore sinds 18:02 niet bereiken (geen antwoord binnen 10 s). Controleer of hij aanstaat en verbonden is met je netwerk; de app blijft het proberen.', null, null),
  ] : [
    entry(iso(95), 'charge_finished', 'info', 'raised', 'Charge finished',
      'The charge reached 90 % (target 90 %). The hot water is ready.', 2.52, 90.2),
    entry(atLocal(1, 18, 42), 'offline', 'warning', 'recovered', 'NEStore back online',
      'The app reaches your NEStore again after 40 min offline (since 18:02).', 2.38, 55.0),
    entry(atLocal(1, 18, 17), 'offline', 'warning', 'raised', 'NEStore offline',
      'The app has not reached your NEStore since 18:02 (no answer within 10 s). Check that it is switched on and connected to your network; the app keeps trying.', null, null),
  ]);

  const ALARM_LOG = () => [
    entry(iso(6), 'low_pressure', 'alarm', 'escalated', 'Very low pressure',
      'Pressure 1.38 bar is below the safe minimum of 1.5 bar at 58 % charge (healthy: 2-3 bar). The system may be losing water: check for leaks and call your installer.', 1.38, 58.1),
    entry(iso(70), 'leak', 'warning', 'raised', 'Possible leak',
      'Pressure fell 0.52 bar in the last 5 h 40 min (0.55 bar per 6 h, more than 0.2) while the charge stayed steady near 59 %; it is 1.71 bar now. This suggests water is escaping: check pipes, valves and the floor around the unit, and call your installer if it keeps falling.', 1.71, 59.3),
    entry(atLocal(0, 3, 10), 'low_pressure', 'warning', 'raised', 'Low pressure',
      'Pressure 1.93 bar is below the healthy 2-3 bar at 61 % charge. Check for leaks; call your installer if it keeps falling.', 1.93, 61.0, 'quiet hours'),
    entry(atLocal(1, 21, 35), 'charge_finished', 'info', 'raised', 'Charge finished',
      'The charge reached 90 % (target 90 %). The hot water is ready.', 2.31, 90.4),
    entry(atLocal(1, 17, 5), 'charge_stopped', 'info', 'raised', 'Charge stopped early',
      'The device stopped the charge at 74 %, before the 90 % target (now: Standby).', 2.27, 74.0, 'snoozed'),
    entry(atLocal(2, 9, 48), 'high_pressure', 'warning', 'recovered', 'Pressure back to normal',
      'Pressure is 2.94 bar at 88 % charge (healthy: 2-3 bar above 50 % charge). No action needed.', 2.94, 88.0),
    entry(atLocal(2, 8, 12), 'high_pressure', 'warning', 'raised', 'High pressure',
      'Pressure 3.08 bar is above the healthy 2-3 bar at 91 % charge. This can mean an expansion vessel problem: call your installer.', 3.08, 91.0),
  ];

  const LIMITS = { power_min_w: 1000, power_max_w: 3400, power_step_w: 100,
    duration_min_min: 30, duration_max_min: 300, target_max_pct: 100 };

  function reading(over) {
    return Object.assign({
      soc_pct: 63.4, soc_total_pct: 71.0, stored_energy_kwh: 9.88, hot_water_flow_lpm: 0.0,
      pressure_bar: 2.41, heater_power_w: 2000.0, heater_outlet_c: 71.5,
      zone_temps_c: [78.2, 74.0, 61.3, 35.0, 14.8],
      dhw_energy_total_kwh: 1234.6, heater_energy_total_kwh: 2345.7, water_volume_total_l: 45678.9,
      state: 'Charging Electrical Main', dependent_mode: false, online_mode: true,
      read_at: iso(2), implausible: [],
    }, over || {});
  }

  function base(over) {
    return Object.assign({
      device: '192.168.1.50:4805', demo: false, language: resolve(CHOICE), connection: 'online', error: null,
      offline_since: null, updated_at: iso(2), stale: false, polling: false,
      reading: reading(),
      pressure_band: bandOf(THRESHOLDS),
      alerts: { active: [], snoozed_until: null, log: QUIET_LOG() },
      control: {
        enabled: true, password_stored: true, available: true, busy: false,
        defaults: { power_w: 2000, target_soc_pct: 90, duration_min: 120 },
        limits: LIMITS, last_outcome: null,
      },
      notice: null,
      confirm: null,
    }, over || {});
  }

  const STATES = {
    online: () => base(),
    retrying: () => base({
      connection: 'retrying',
      error: 'device unreachable at 192.168.1.50:4805 (no answer within 10 s)',
      offline_since: iso(1), updated_at: iso(6),
    }),
    offline: () => base({
      connection: 'offline',
      error: 'device unreachable at 192.168.1.50:4805 (no answer within 10 s)',
      offline_since: iso(27), updated_at: iso(34), stale: true,
      reading: reading({ soc_pct: 48.2, soc_total_pct: 57.0, stored_energy_kwh: 7.5, heater_power_w: 0,
        heater_outlet_c: 38.2, state: 'Standby', zone_temps_c: [66.0, 58.4, 41.0, 22.3, 12.1], read_at: iso(34) }),
      control: { enabled: false, password_stored: false, available: false, busy: false,
        defaults: { power_w: 2000, target_soc_pct: 90, duration_min: 120 }, limits: LIMITS, last_outcome: null },
    }),
    unconfigured: () => base({
      device: null, connection: 'not_configured', updated_at: null, reading: null,
      control: { enabled: false, password_stored: false, available: false, busy: false,
        defaults: { power_w: 2000, target_soc_pct: 90, duration_min: 120 }, limits: LIMITS, last_outcome: null },
    }),
    implausible: () => base({
      reading: reading({ pressure_bar: null, heater_outlet_c: null, hot_water_flow_lpm: null,
        zone_temps_c: [80.1, null, 55.0, 31.2, 18.4], state: 'Standby', heater_power_w: 0,
        implausible: ['pressure_bar', 'zone_temps_c'] }),
      notice: 'The settings file was damaged and has been reset to the defaults. Check the device address in Settings.',
      control: { enabled: true, password_stored: true, available: true, busy: false,
        defaults: { power_w: 2500, target_soc_pct: 95, duration_min: 180 }, limits: LIMITS,
        last_outcome: q.get('outcome') === 'error'
          ? { ok: false, message: 'The device refused the command: the service password was not accepted (HTTP 401).', state: null, at: iso(1) }
          : null },
    }),
  };

  STATES.alarm = () => base({
    reading: reading({ pressure_bar: 1.38, soc_pct: 58.1, soc_total_pct: 66.0, stored_energy_kwh: 9.05,
      heater_power_w: 0, heater_outlet_c: 52.4, state: 'Standby', zone_temps_c: [74.1, 69.8, 55.2, 30.4, 13.9] }),
    alerts: {
      active: [
        { kind: 'low_pressure', severity: 'alarm', line: NL ? 'Alarm: lage druk' : 'Alarm: low pressure', snoozable: false },
        { kind: 'leak', severity: 'warning', line: NL ? 'Waarschuwing: mogelijk lek' : 'Warning: leak suspected', snoozable: true },
      ],
      snoozed_until: null,
      log: ALARM_LOG(),
    },
  });
  STATES.snoozed = () => base({
    reading: reading({ pressure_bar: 3.14, soc_pct: 92.3, soc_total_pct: 95.0, stored_energy_kwh: 14.2,
      heater_power_w: 0, heater_outlet_c: 80.2, state: 'Standby', zone_temps_c: [84.0, 83.1, 81.5, 76.0, 52.3] }),
    alerts: {
      active: [{ kind: 'high_pressure', severity: 'warning', line: 'Warning: high pressure', snoozable: true }],
      snoozed_until: inMinutes(47),
      log: [
        entry(iso(4), 'charge_finished', 'info', 'raised', 'Charge finished',
          'The charge reached 92 % (target 90 %). The hot water is ready.', 3.14, 92.3, 'snoozed'),
        entry(iso(25), 'high_pressure', 'warning', 'raised', 'High pressure',
          'Pressure 3.12 bar is above the healthy 2-3 bar at 89 % charge. This can mean an expansion vessel problem: call your installer.', 3.12, 89.0),
      ].concat(QUIET_LOG().slice(1)),
    },
  });
  STATES.quiet = () => base({ alerts: { active: [], snoozed_until: inMinutes(14 * 60), log: [] } });
  STATES.alarmonly = () => base({
    reading: reading({ pressure_bar: 3.62, soc_pct: 95.0, soc_total_pct: 97.0, stored_energy_kwh: 14.6,
      heater_power_w: 0, heater_outlet_c: 81.0, state: 'Electrical Charging Blocked',
      zone_temps_c: [84.5, 84.0, 82.9, 79.0, 60.2], water_volume_total_l: 52000.0 }),
    alerts: {
      active: [{ kind: 'high_pressure', severity: 'alarm', line: 'Alarm: high pressure', snoozable: false }],
      snoozed_until: null, log: ALARM_LOG(),
    },
  });
  STATES.rawlow = () => base({
    reading: reading({ pressure_bar: 1.41, soc_pct: 38.0, state: 'Standby', heater_power_w: 0 }),
  });

  let state = (STATES[which] || STATES.online)();
  const CONFIRMS = {
    start: { kind: 'start', power_w: 2000, target_soc_pct: 90, duration_min: 120 },
    stop: { kind: 'stop', duration_min: 120 },
    auto: { kind: 'auto' },
  };
  if (q.get('confirm')) state.confirm = CONFIRMS[q.get('confirm')] || null;
  const calls = [];
  const tokens = new Map(); // token → JSON of the cmd it confirms
  let nextToken = 1;
  let settings = {
    host: state.device ? state.device.split(':')[0] : '', port: 4805, poll_interval_s: 300,
    control_enabled: state.control.enabled, autostart: true, password_stored: state.control.password_stored,
    alerts: Object.assign({}, THRESHOLDS, which === 'alarm' ? { quiet_hours: ['22:00:00', '07:00:00'] } : {}),
    keyring_error: null,
    history_enabled: q.get('hist') !== 'off', history_keep_days: null,
    language: CHOICE,
    timers: q.get('timers') === 'none' ? [] : [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00', kind: 'charge', power_w: 2000, target_soc_pct: 90, enabled: true },
      { days: ['sat', 'sun'], start: '17:00', end: '20:00', kind: 'block', enabled: true },
    ],
    low_charge_pct: q.get('lowcharge') ? Number(q.get('lowcharge')) : null,
    price_source: 'energy_zero',
  };
  const control = { saveError: null, holdDiscovery: false, holdUpdateCheck: false, holdSettings: false, settingsHold: null };
  const listeners = {}; // event name → callbacks
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const emitEvent = (name, payload) => (listeners[name] || []).slice()
    .forEach((cb) => cb({ event: name, id: 0, payload: clone(payload) }));
  const emit = () => emitEvent('state', state);
  const later = (ms) => new Promise((res) => setTimeout(res, ms));
  const fmtDur = (m) => (NL
    ? (m % 60 ? `${Math.floor(m / 60)} uur en ${m % 60} min`.replace(/^0 uur en /, '') : `${m / 60} uur`)
    : (m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min`.replace(/^0 h /, '') : `${m / 60} h`));

  function validate(cmd) {
    if (!state.control.available) throw fail('refused', 'Control is off: enable it and store the service password in Settings.');
    const L = LIMITS;
    const pf = q.get('previewfail');
    if (pf) throw fail('invalid', `The device would not take this ${pf.replace(/_.*/, '')} value (the mock refuses it).`, pf);
    if (cmd.kind === 'start') {
      if (!(cmd.power_w >= L.power_min_w && cmd.power_w <= L.power_max_w && cmd.power_w % 100 === 0)) throw fail('invalid', `Heater power: must be 1000–3400 W in steps of 100 W, not ${cmd.power_w} W.`, 'power_w');
      const soc = state.reading && state.reading.soc_pct;
      if (soc != null && !(cmd.target_soc_pct > soc)) throw fail('invalid', `Charge up to: ${cmd.target_soc_pct} % is not above the current ${soc.toFixed(1)} %.`, 'target_soc_pct');
      if (cmd.target_soc_pct > 100) throw fail('invalid', 'Charge up to: at most 100 %.', 'target_soc_pct');
    }
    if (cmd.kind !== 'auto' && !(cmd.duration_min >= 30 && cmd.duration_min <= 300)) throw fail('invalid', 'Hold for: 30 min to 5 h.', 'duration_min');
  }

  function preview(cmd) {
    validate(cmd);
    const token = `token-${nextToken++}`;
    tokens.set(token, JSON.stringify(cmd));
    return Object.assign(describe(cmd), { token });
  }

  function describe(cmd) {
    const life = (cmd.duration_min || 0) * 60;
    if (cmd.kind === 'start') {
      return { text: NL ? `Elektrisch laden starten met ${cmd.power_w} W tot een laadtoestand van ${cmd.target_soc_pct} %, hoogstens ${fmtDur(cmd.duration_min)} lang`
        : `Start electric charging at ${cmd.power_w} W up to ${cmd.target_soc_pct} % for at most ${fmtDur(cmd.duration_min)}`,
        bodies: [{ TASK: 'ControlTask_ChargingElectrical_Start', spin: true, power: cmd.power_w, soc: cmd.target_soc_pct, persistent: true, lifetime: life }] };
    }
    if (cmd.kind === 'stop') {
      return { text: NL ? `Elektrisch laden stoppen en het automatische schema ${fmtDur(cmd.duration_min)} lang tegenhouden`
        : `Stop electric charging and keep the schedule from charging for ${fmtDur(cmd.duration_min)}`,
        bodies: [{ TASK: 'ControlTask_ChargingElectrical_Stop', spin: true, persistent: true, lifetime: life }] };
    }
    return { text: NL ? 'De start- en stoptaken weghalen: het apparaat werkt weer automatisch'
      : 'Remove the start and stop tasks, returning the device to automatic operation',
      bodies: [{ TASK: 'ControlTask_ChargingElectrical_Start', spin: false }, { TASK: 'ControlTask_ChargingElectrical_Stop', spin: false }] };
  }

  function validateAlerts(t) {
    const bad = (key, message) => fail('invalid', message, `alerts.${key}`);
    const num = ['low_alarm_bar', 'low_bar', 'high_bar', 'high_alarm_bar', 'hysteresis_bar', 'leak_bar_per_6h'];
    for (const k of num) if (typeof t[k] !== 'number' || !Number.isFinite(t[k])) throw bad(k, `${k}: must be a number`);
    for (const k of ['hold_readings', 'offline_grace_min', 'reminder_h']) {
      if (!Number.isInteger(t[k]) || t[k] < 0) throw bad(k, `${k}: must be a whole number`);
    }
    if (t.low_alarm_bar <= 0) throw bad('low_alarm_bar', 'Alarm below: must be above 0 bar');
    if (t.low_bar <= t.low_alarm_bar) throw bad('low_alarm_bar', `Alarm below: must be below Warn below (${t.low_bar} bar)`);
    if (t.high_bar <= t.low_bar) throw bad('high_bar', `Warn above: must be above Warn below (${t.low_bar} bar)`);
    if (t.high_alarm_bar <= t.high_bar) throw bad('high_alarm_bar', `Alarm above: must be above Warn above (${t.high_bar} bar)`);
    if (t.high_alarm_bar > 10) throw bad('high_alarm_bar', 'Alarm above: at most 10 bar');
    if (!(t.hysteresis_bar >= 0 && t.hysteresis_bar <= 0.5)) throw bad('hysteresis_bar', 'Hysteresis: 0-0.5 bar');
    if (!(t.leak_bar_per_6h >= 0.05 && t.leak_bar_per_6h <= 2)) throw bad('leak_bar_per_6h', 'Leak: 0.05-2 bar per 6 h');
    if (!(t.hold_readings >= 1 && t.hold_readings <= 10)) throw bad('hold_readings', 'Confirm after: 1-10 readings');
    if (!(t.offline_grace_min >= 1 && t.offline_grace_min <= 1440)) throw bad('offline_grace_min', 'Offline alert after: 1-1440 min');
    if (!(t.reminder_h >= 1 && t.reminder_h <= 168)) throw bad('reminder_h', 'Repeat alarms every: 1-168 h');
    const qh = t.quiet_hours;
    if (qh !== null && qh !== undefined) {
      const re = /^\d{2}:\d{2}:\d{2}$/;
      if (!Array.isArray(qh) || qh.length !== 2 || !re.test(qh[0]) || !re.test(qh[1])) throw bad('quiet_hours', 'Quiet hours: expected two times of day');
      if (qh[0] === qh[1]) throw bad('quiet_hours', 'Quiet hours: must start and end at different times');
    }
  }

  // ---- charge timers (docs/ipc.md "Charge timers"): the backend's checks, in short ----
  const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const WEEK = 7 * 1440;
  const minutes = (hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  /** A rule's windows in minutes of the week (Monday 00:00 = 0): [start, end), end past the week's for one across Sunday night. */
  function windowsOf(r) {
    const a = minutes(r.start);
    const b = minutes(r.end);
    const len = b > a ? b - a : b + 1440 - a;
    return r.days.map((d) => DAY_NAMES.indexOf(d) * 1440 + a).map((x) => [x, x + len]);
  }
  const overlaps = ([a, b], [c, d]) => [-WEEK, 0, WEEK].some((k) => a < d + k && c + k < b);
  function validateTimers(timers) {
    const bad = (i, en, nl) => fail('invalid', NL ? `Timer ${i + 1}: ${nl}` : `Timer ${i + 1}: ${en}`, 'timers');
    if (!Array.isArray(timers)) throw fail('invalid', 'Charge timers: must be a list of timers', 'timers');
    timers.forEach((r, i) => {
      if (!Array.isArray(r.days) || !r.days.length) throw bad(i, 'no day is chosen', 'er is geen dag gekozen');
      if (r.start === r.end) throw bad(i, 'the start and the end are the same time', 'de begin- en eindtijd zijn gelijk');
      if (r.kind === 'charge') {
        if (!(Number.isInteger(r.power_w) && r.power_w >= 1000 && r.power_w <= 3400 && r.power_w % 100 === 0)) {
          throw bad(i, `a power of ${r.power_w}\u00a0W is not 1000-3400\u00a0W in steps of 100\u00a0W`, `een vermogen van ${r.power_w}\u00a0W ligt niet tussen 1000 en 3400\u00a0W in stappen van 100\u00a0W`);
        }
        if (!(Number.isInteger(r.target_soc_pct) && r.target_soc_pct >= 1 && r.target_soc_pct <= 100)) {
          throw bad(i, `a target of ${r.target_soc_pct}\u00a0% is not 1-100\u00a0%`, `een doel van ${r.target_soc_pct}\u00a0% ligt niet tussen 1 en 100\u00a0%`);
        }
        if ('cheapest_hours' in r) {
          const max = Math.floor(windowsOf(Object.assign({}, r, { days: ['mon'] }))[0].reduce((a, b) => b - a) / 60);
          if (!(Number.isInteger(r.cheapest_hours) && r.cheapest_hours >= 1 && r.cheapest_hours <= max)) {
            throw bad(i, `${r.cheapest_hours} cheapest hours do not fit between the start and the end: choose 1 to ${max}`,
              `${r.cheapest_hours} goedkoopste uren passen niet tussen begin en eind: kies 1 tot en met ${max}`);
          }
        }
      } else if (r.kind !== 'block' || 'power_w' in r || 'target_soc_pct' in r || 'cheapest_hours' in r) {
        throw fail('invalid', 'Charge timers: a timer charges (with a power and a target) or holds off', 'timers');
      }
    });
    timers.forEach((r, i) => {
      if (r.enabled === false) return;
      for (let j = 0; j < i; j++) {
        if (timers[j].enabled === false) continue;
        if (windowsOf(r).some((w) => windowsOf(timers[j]).some((v) => overlaps(w, v)))) {
          throw bad(i, `it overlaps timer ${j + 1}`, `die overlapt met timer ${j + 1}`);
        }
      }
    });
  }
  // state.timers: ?timer=next, the next window on Tuesday 02:00-05:00; ?timer=active, a charge until 05:00.
  function timerWindow(kind) {
    const at = (daysAhead, h) => { const d = new Date(); d.setDate(d.getDate() + daysAhead); d.setHours(h, 0, 0, 0); return d; };
    if (kind === 'active') {
      const end = at(new Date().getHours() < 5 ? 0 : 1, 5);
      return { active: { timer: 1, start: new Date(end.getTime() - 3 * 3600000).toISOString(), end: end.toISOString(), kind: 'charge', power_w: 2000, target_soc_pct: 90 }, next: null };
    }
    const ahead = ((2 - new Date().getDay() + 7) % 7) || 7; // the next Tuesday, a week on if it is Tuesday
    return { active: null, next: { timer: 1, start: at(ahead, 2).toISOString(), end: at(ahead, 5).toISOString(), kind: 'charge', power_w: 2000, target_soc_pct: 90 } };
  }
  if (['next', 'active'].includes(q.get('timer'))) state.timers = timerWindow(q.get('timer'));

  // state.prices (?prices=cheapest|fallback): see the top of this file.
  function pricesFor(kind) {
    const day0 = new Date();
    day0.setHours(0, 0, 0, 0);
    const hourAt = (h) => new Date(day0.getTime() + h * 3600000); // h hours after today 00:00 (local, no DST care)
    const night = new Date().getHours() < 1 ? 0 : 24; // the coming night's 00:00, in hours from today's
    const NIGHT = [0.21, 0.20, 0.19, 0.11, 0.17, -0.01, 0.18];
    const DAY = [0.21, 0.20, 0.19, 0.18, 0.17, 0.18, 0.22, 0.31, 0.34, 0.29, 0.24, 0.16, 0.09, -0.03, 0.05, 0.12, 0.2, 0.28, 0.36, 0.38, 0.33, 0.27, 0.24, 0.22];
    const price = (h) => (h >= night && h < night + 7 ? NIGHT[h - night] : DAY[h % 24]);
    const hours = kind === 'fallback' ? 24 : 48;
    const points = [];
    for (let h = 0; h < hours; h++) points.push({ start: hourAt(h).toISOString(), eur_per_kwh: price(h) });
    const span = (a, b, basis) => ({ timer: 1, start: hourAt(night + a).toISOString(), end: hourAt(night + b).toISOString(), basis });
    const win = (c) => ({ timer: 1, start: c.start, end: c.end, kind: 'charge', power_w: 2000, target_soc_pct: 90, basis: c.basis });
    if (kind === 'fallback') {
      const c = span(5, 7, 'fallback');
      return { timers: { active: null, next: win(c) }, prices: { points: night ? points : [], chosen: [c],
        problem: NL ? 'De prijzen zijn nog niet bekendgemaakt.' : 'The prices are not published yet.' } };
    }
    const chosen = [span(3, 4, 'cheapest'), span(5, 6, 'cheapest')];
    return { timers: { active: null, next: win(chosen[0]) }, prices: { points, chosen, problem: null } };
  }
  if (['cheapest', 'fallback'].includes(q.get('prices'))) Object.assign(state, pricesFor(q.get('prices')));

  function nextSeven() {
    const d = new Date();
    if (d.getHours() >= 7) d.setDate(d.getDate() + 1);
    d.setHours(7, 0, 0, 0);
    return d.toISOString();
  }

  /** The catalogue of the language in use, as the backend's get_catalogue: the real files. */
  async function catalogue() {
    const language = state.language === 'nl' ? 'nl' : 'en';
    const source = await Promise.all(FTL_FILES.map(async (f) => {
      const res = await fetch(`locales/${language}/${f}.ftl`);
      if (!res.ok) throw fail('io', `Could not read locales/${language}/${f}.ftl (HTTP ${res.status}).`);
      return res.text();
    }));
    return { language, source: source.join('\n') };
  }

  const handlers = {
    get_state: () => clone(state),
    get_catalogue: catalogue,
    refresh_now: () => {
      state.polling = true; emit();
      later(900).then(() => {
        state.polling = false;
        if (state.connection !== 'offline') { state.updated_at = new Date().toISOString(); state.stale = false; }
        emit();
      });
      return null;
    },
    preview_command: ({ cmd }) => preview(cmd),
    send_command: async ({ cmd, token }) => {
      if (!token || tokens.get(token) !== JSON.stringify(cmd)) throw fail('refused', 'Confirm the command first.');
      tokens.delete(token);
      validate(cmd);
      state.confirm = null;
      state.control.busy = true; emit();
      await later(700);
      state.control.busy = false;
      const newState = cmd.kind === 'start' ? 'Charging Electrical Main' : cmd.kind === 'stop' ? 'Charging Blocked' : 'Standby';
      if (state.reading) {
        state.reading.state = newState;
        state.reading.heater_power_w = cmd.kind === 'start' ? cmd.power_w : 0;
      }
      if (cmd.kind === 'start') state.control.defaults = { power_w: cmd.power_w, target_soc_pct: cmd.target_soc_pct, duration_min: cmd.duration_min };
      const res = { ok: true, message: `the device now reports "${newState}"`, state: newState, at: new Date().toISOString() };
      state.control.last_outcome = res;
      emit();
      return res;
    },
    cancel_confirmation: () => { state.confirm = null; emit(); return null; },
    // __mock.holdSettings: get_settings waits for __mock.settingsFinish().
    get_settings: async () => {
      if (control.holdSettings) await new Promise((res) => { control.settingsHold = res; });
      control.settingsHold = null;
      return clone(settings);
    },
    save_settings: ({ settings: s, password, clearPassword }) => {
      if (control.saveError) { const e = control.saveError; control.saveError = null; throw e; }
      if (s.language !== undefined && !['system', 'en', 'nl'].includes(s.language)) {
        throw fail('invalid', `Language: "${s.language}" is not one of system, en, nl.`, 'language');
      }
      if (!s.host) throw fail('invalid', 'Device address: enter the IP address or name of the NEStore.', 'host');
      if (!(s.port >= 1 && s.port <= 65535)) throw fail('invalid', 'Port: must be 1-65535.', 'port');
      if (!(s.poll_interval_s >= 60)) throw fail('invalid', `Poll interval: ${s.poll_interval_s} s is too short, the device needs at least 60 s.`, 'poll_interval_s');
      if (s.alerts !== undefined) validateAlerts(s.alerts);
      if (s.timers !== undefined) validateTimers(s.timers);
      const low = s.low_charge_pct;
      if (low !== undefined && low !== null && !(Number.isInteger(low) && low >= 5 && low <= 90)) {
        throw fail('invalid', NL ? 'Melding bij weinig warm water: moet uit staan of 5-90 % zijn' : 'Running-low notice: must be off or 5-90 %', 'low_charge_pct');
      }
      if (s.price_source !== undefined && s.price_source !== 'energy_zero') throw fail('invalid', 'Price source: it must be "energy_zero"', 'price_source');
      if (typeof s.history_enabled !== 'boolean') throw fail('invalid', 'Keep history: expected on or off.', 'history_enabled');
      const keep = s.history_keep_days;
      if (keep !== null && !(Number.isInteger(keep) && keep >= 365)) throw fail('invalid', 'Keep for: at least 365 days, or forever.', 'history_keep_days');
      settings = Object.assign({}, settings, s);
      if (s.alerts) state.pressure_band = bandOf(s.alerts);
      if (clearPassword) settings.password_stored = false;
      else if (password) settings.password_stored = true;
      state.device = `${s.host}:${s.port}`;
      state.control.enabled = s.control_enabled;
      state.control.password_stored = settings.password_stored;
      state.control.available = s.control_enabled && settings.password_stored;
      // A new device (or the first): the backend polls it at once.
      if (['not_configured', 'offline'].includes(state.connection)) {
        state.connection = 'connecting';
        state.offline_since = null;
        state.error = null;
      }
      if (s.language !== undefined) state.language = resolve(s.language);
      emit();
      let password_check = null;
      if (s.control_enabled && password) password_check = loginCheck(password);
      return Object.assign(clone(settings), { password_check });
    },
    test_connection: async ({ host, port, password }) => {
      await later(500);
      if (!host) throw fail('invalid', 'Device address: enter the IP address or name of the NEStore.', 'host');
      if (host === '10.0.0.99') return { ok: false, message: `Unreachable: no answer from ${host}:${port} within 10 s.`, login: null };
      const login = password ? loginCheck(password) : settings.password_stored ? loginCheck('service') : null;
      return { ok: true, message: `Connected to the NEStore at ${host}:${port}: it reports "Standby", 63 %.`, login };
    },
    snooze_alerts: ({ until }) => {
      if (q.get('snoozefail')) throw fail('io', 'Could not save the snooze: the alert log is not writable (disk full).');
      if (until === '1h') state.alerts.snoozed_until = inMinutes(60);
      else if (until === 'tomorrow') state.alerts.snoozed_until = nextSeven();
      else if (until === 'off') state.alerts.snoozed_until = null;
      else throw fail('invalid', `Unknown snooze "${until}": expected "1h", "tomorrow" or "off".`);
      emit();
      return null;
    },
    use_demo: () => {
      state = base({ device: 'demo', demo: true, language: state.language, updated_at: new Date().toISOString() });
      emit();
      return null;
    },
  };

  // ---- Find my NEStore (docs/ipc.md "discover") ----
  const HITS = [
    { address: '192.168.1.20:4805', host: 'nestore.home', port: 4805, name: 'nestore.home',
      found_by: 'name_lookup', api_version: 'v3', soc_pct: 63.0 },
    { address: '192.168.1.37:4805', host: '192.168.1.37', port: 4805, name: null,
      found_by: 'sweep', api_version: 'v2', soc_pct: null },
  ];
  const search = { running: false, sent: [], finish: null };
  function discoveryHit(hit) {
    if (!search.running) throw new Error('no search is running');
    if (!search.sent.some((h) => h.address === hit.address)) search.sent.push(clone(hit));
    emitEvent('discovery-hit', hit);
  }
  handlers.discover = () => {
    if (search.running) {
      throw fail('refused', NL ? 'Er wordt al gezocht.' : 'A search is already running.'); // app.ftl discover-busy
    }
    search.running = true;
    search.sent = [];
    const answer = new Promise((res) => {
      search.finish = (over) => {
        search.running = false;
        search.finish = null;
        res(Object.assign({ hits: clone(search.sent), complete: true, swept: 254 }, over || {}));
      };
    });
    if (!control.holdDiscovery) {
      const found = q.get('find') === 'none' ? [] : HITS;
      (async () => {
        for (const h of found) { await later(200); discoveryHit(h); }
        await later(300);
        search.finish();
      })();
    }
    return answer;
  };

  // ---- updates of the app (docs/ipc.md `update`, check_for_updates, install_update) ----
  // The backend's words (app.ftl update-*) in the language in use.
  const updateWords = (id) => {
    const nl = state.language === 'nl';
    return {
      'could-not-check': nl ? 'Zoeken naar updates lukte nu niet.' : 'Could not check for updates just now.',
      'nothing-to-install': nl ? 'Zoek eerst naar updates: er is nog geen update om te installeren.'
        : 'Check for updates first: there is no update to install yet.',
      'signature-mismatch': nl ? 'De handtekening van de update past niet bij de sleutel van NEStore Tray, dus de update is geweigerd. Er is niets geïnstalleerd.'
        : "The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed.",
      installed: nl ? 'Versie 0.2.0 is geïnstalleerd. NEStore Tray start opnieuw.' : 'Version 0.2.0 is installed. NEStore Tray restarts now.',
    }[id];
  };
  const UPDATE_NOTES = 'Faster charts.\nThe tray says more: <b>bold</b> & <img src=x onerror=alert(1)> stays text.\n'
    + Array.from({ length: 12 }, (_, i) => `- change ${i + 1}: a longer line of release notes that wraps in the narrow window`).join('\n');
  const updates = {
    // What the next check finds: 'latest' | 'available' | 'offline' (could not check).
    mode: ['latest', 'available', 'offline'].includes(q.get('update')) ? q.get('update') : 'latest',
    // What an install comes to: 'refused' (a signature that does not match) | 'ok'.
    install: q.get('install') === 'ok' ? 'ok' : 'refused',
    found: null, // the release the last check found: {version, notes}
    hold: null, // __mock.holdUpdateCheck: the check waits for __mock.updateCheckFinish()
  };
  function updateView(problem, refused) {
    const f = updates.found;
    return { available: !!f, current: '0.1.0', version: f ? f.version : null, notes: f ? f.notes : null,
      checked_at: new Date().toISOString(), problem: problem || null, refused: !!problem && !!refused };
  }
  // ?update=found: the quiet daily check found 0.2.0 before the window opened. Otherwise the
  // state names the version in use, unchecked, as the backend's does.
  if (q.get('update') === 'found') {
    updates.found = { version: '0.2.0', notes: UPDATE_NOTES };
    state.update = updateView();
  } else if (q.get('update') === 'refused') {
    updates.found = { version: '0.2.0', notes: UPDATE_NOTES };
    state.update = updateView(updateWords('signature-mismatch'), true);
  } else {
    state.update = { available: false, current: '0.1.0', version: null, notes: null, checked_at: null, problem: null, refused: false };
  }
  handlers.check_for_updates = async () => {
    if (updates.checking) throw fail('refused', state.language === 'nl' ? 'Er wordt al naar updates gezocht of een update geïnstalleerd.' : 'Updates are being checked or installed already.');
    updates.checking = true;
    try {
      if (control.holdUpdateCheck) await new Promise((res) => { updates.hold = res; });
      else await later(300);
    } finally {
      updates.checking = false;
      updates.hold = null;
    }
    let problem = null;
    if (updates.mode === 'latest') updates.found = null;
    else if (updates.mode === 'available') updates.found = { version: '0.2.0', notes: UPDATE_NOTES };
    else problem = updateWords('could-not-check'); // a release found before stays
    state.update = updateView(problem);
    emit();
    return clone(state.update);
  };
  handlers.install_update = async () => {
    if (!updates.found) throw fail('refused', updateWords('nothing-to-install'));
    await later(200);
    if (updates.install === 'refused') {
      state.update = Object.assign(state.update || updateView(), { problem: updateWords('signature-mismatch'), refused: true });
      emit();
      throw fail('refused', updateWords('signature-mismatch'));
    }
    return { version: updates.found.version, message: updateWords('installed') };
  };

  // ---- history (docs/ipc.md "History") ----
  const HOUR = 3600;
  const DAY = 86400;
  const sec = (isoString) => Math.floor(new Date(isoString).getTime() / 1000);
  const localAt = (daysAgo, h, m) => sec(atLocal(daysAgo, h, m));
  const hist = q.get('hist');
  const nowS = () => Math.floor(Date.now() / 1000);
  const HISTORY_START = hist === 'empty' ? nowS() + DAY : nowS() - 200 * DAY;
  const HISTORY_END = hist === 'off' ? nowS() - 3 * DAY : Infinity;
  const OUTAGES = [
    [localAt(1, 18, 2), localAt(1, 18, 42)],
    [localAt(12, 2, 0), localAt(12, 14, 0)],
    [localAt(40, 0, 0), localAt(37, 0, 0)],
  ];
  const PRESSURE_BUMP = [localAt(2, 7, 0), localAt(2, 10, 0)];
  const NULL_DAY = (() => { const d = new Date(); d.setDate(d.getDate() - 5); return localDate(d); })();
  const SOC_PROFILE = [[0, 38], [1, 36], [5, 92], [7, 88], [8, 70], [12, 66], [13, 60], [19, 55], [21, 40], [24, 38]];

  function localDate(d) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  function hasReading(ts) {
    if (ts < HISTORY_START || ts > HISTORY_END || ts > nowS()) return false;
    return !OUTAGES.some(([a, b]) => ts >= a && ts < b);
  }
  /** The readings at `ts`: soc, heater, pressure, five zones. */
  function model(ts) {
    const d = new Date(ts * 1000);
    const h = d.getHours() + d.getMinutes() / 60;
    const day = Math.floor(ts / DAY);
    let i = 1;
    while (SOC_PROFILE[i][0] < h) i++;
    const [h0, s0] = SOC_PROFILE[i - 1];
    const [h1, s1] = SOC_PROFILE[i];
    const soc = Math.min(98, Math.max(5, s0 + (s1 - s0) * (h - h0) / (h1 - h0) + Math.sin(day * 1.7) * 5 + Math.sin(ts / 900) * 0.8));
    const heater = h >= 1 && h < 5 ? 2400 + Math.round(Math.sin(day) * 4) * 100 : 0;
    let p = 2.05 + 0.75 * soc / 100 + 0.02 * Math.sin(ts / 1700);
    if (ts >= PRESSURE_BUMP[0] && ts < PRESSURE_BUMP[1]) p += 0.35 * Math.sin(Math.PI * (ts - PRESSURE_BUMP[0]) / (PRESSURE_BUMP[1] - PRESSURE_BUMP[0]));
    if (which === 'alarm' && ts > nowS() - 6 * HOUR) p -= (ts - (nowS() - 6 * HOUR)) / (6 * HOUR) * 1.05;
    const zones = [0, 1, 2, 3, 4].map((z) => {
      const depth = (z + 0.5) / 5;
      return 12 + 70 / (1 + Math.exp(-(soc / 100 - depth) / 0.07)) + Math.sin(ts / 2000 + z) * 0.6;
    });
    return [soc, heater, p].concat(zones);
  }
  const KEYS = ['soc_pct', 'heater_power_w', 'pressure_bar', 'zone1_c', 'zone2_c', 'zone3_c', 'zone4_c', 'zone5_c'];
  const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
  const DECIMALS = [1, 0, 2, 1, 1, 1, 1, 1];

  function historyQuery({ from, to, buckets }) {
    const a = sec(from);
    const b = sec(to);
    if (!(b > a)) throw fail('invalid', 'History: "from" must be before "to".');
    const n = Math.min(2000, buckets || 1000);
    const width = Math.max(1, Math.ceil((b - a) / n));
    const t = [];
    const series = {};
    for (const k of KEYS) series[k] = { min: [], mean: [], max: [] };
    for (let start = a; start < b && t.length < n; start += width) {
      t.push(start);
      // the 5-minute readings in the bucket: all of them, or a dozen spread across it
      const first = Math.ceil(start / 300) * 300;
      const count = Math.max(0, Math.ceil((start + width - first) / 300));
      const step = Math.max(1, Math.floor(count / 12));
      const rows = [];
      for (let j = 0; j < count; j += step) {
        const ts = first + j * 300;
        if (hasReading(ts)) rows.push(model(ts));
      }
      KEYS.forEach((k, i) => {
        const s = series[k];
        if (!rows.length) { s.min.push(null); s.mean.push(null); s.max.push(null); return; }
        let lo = Infinity; let hi = -Infinity; let sum = 0;
        for (const r of rows) { lo = Math.min(lo, r[i]); hi = Math.max(hi, r[i]); sum += r[i]; }
        s.min.push(round(lo, DECIMALS[i])); s.mean.push(round(sum / rows.length, DECIMALS[i])); s.max.push(round(hi, DECIMALS[i]));
      });
    }
    const daily = [];
    const day = new Date(a * 1000);
    day.setHours(0, 0, 0, 0);
    for (; day.getTime() / 1000 < b; day.setDate(day.getDate() + 1)) {
      const s0 = day.getTime() / 1000;
      const next = new Date(day); next.setDate(next.getDate() + 1);
      const s1 = Math.min(next.getTime() / 1000, nowS(), HISTORY_END);
      const known = s1 > s0 && hasReading(s0 + 1) || hasReading(Math.floor((s0 + s1) / 2)) || hasReading(s1 - 1);
      const date = localDate(day);
      if (!known || date === NULL_DAY) { daily.push({ date, hot_water_l: null, charged_kwh: null, hot_water_kwh: null }); continue; }
      const f = Math.min(1, (s1 - s0) / DAY);
      const n0 = Math.floor(s0 / DAY);
      const winter = Math.cos(2 * Math.PI * (day.getMonth() + 0.5) / 12);
      const water = (170 + 40 * Math.sin(n0 * 2.3) + 30 * winter) * f;
      daily.push({ date, hot_water_l: round(water, 0), charged_kwh: round((11 + 2 * Math.sin(n0 * 1.1) + 2 * winter) * f, 1),
        hot_water_kwh: round(water * 0.047, 1) });
    }
    const events = [
      { at: new Date(PRESSURE_BUMP[0] * 1000 + 72 * 60000).toISOString(), kind: 'alert', severity: 'warning', title: 'High pressure',
        body: 'Pressure 3.08 bar is above the healthy 2-3 bar at 91 % charge.' },
      { at: new Date(localAt(9, 4, 30) * 1000).toISOString(), kind: 'alert', severity: 'warning', title: 'Low pressure',
        body: 'Pressure 1.93 bar is below the healthy 2-3 bar.' },
      { at: new Date(localAt(1, 18, 2) * 1000).toISOString(), kind: 'offline', severity: 'warning', title: 'NEStore offline', body: '' },
      { at: new Date(localAt(1, 18, 42) * 1000).toISOString(), kind: 'online', severity: 'info', title: 'NEStore back online', body: '' },
    ];
    for (const e of state.alerts.log) {
      if (e.phase === 'recovered' || e.kind === 'offline') continue;
      events.push({ at: e.at, kind: 'alert', severity: e.severity, title: e.title, body: e.body });
    }
    events.sort((x, y) => sec(x.at) - sec(y.at));
    return {
      from, to, bucket_s: width, t, series, daily,
      events: events.filter((e) => sec(e.at) >= a && sec(e.at) <= b && sec(e.at) >= HISTORY_START).slice(-500),
      demo: hist === 'demo' || !!state.demo,
      enabled: hist !== 'off',
    };
  }

  handlers.history_query = historyQuery;
  handlers.history_export = ({ from, to, daily }) => {
    const how = q.get('export');
    if (how === 'cancel') return { path: null };
    if (how === 'fail') throw fail('io', 'Could not write /home/owner/Documents/nestore-history.csv: permission denied.');
    if (!from || !to) throw fail('invalid', 'Export: a period is needed.');
    return { path: `/home/owner/Documents/nestore-${daily ? 'daily' : 'history'}-${to.slice(0, 10)}.csv` };
  };

  function loginCheck(password) {
    return password === 'service'
      ? { ok: true, message: 'The device accepted the password.' }
      : { ok: false, message: 'The device refused the password (HTTP 401): check the service password.' };
  }

  window.__TAURI__ = {
    core: {
      invoke: async (name, args) => {
        const call = { name, args: clone(args || {}), at: performance.now(), answeredAt: null };
        calls.push(call);
        const h = handlers[name];
        if (!h) throw fail('internal', `unknown command ${name}`);
        await later(60);
        try {
          return await h(args || {});
        } finally {
          call.answeredAt = performance.now();
        }
      },
    },
    event: {
      listen: async (name, cb) => {
        (listeners[name] = listeners[name] || []).push(cb);
        return () => { const l = listeners[name]; const i = l.indexOf(cb); if (i >= 0) l.splice(i, 1); };
      },
    },
  };

  window.__mock = {
    calls,
    get state() { return state; },
    emit,
    set saveError(e) { control.saveError = e; },
    HITS,
    /** {timers, prices} of ?prices=cheapest|fallback, for a check to put in the state. */
    pricesFor,
    set holdDiscovery(v) { control.holdDiscovery = !!v; },
    /** Whether a `discover` call is running (the check may send hits and finish it). */
    get searching() { return search.running; },
    discoveryHit,
    discoveryFinish(over) {
      if (!search.finish) throw new Error('no search is running');
      search.finish(over);
    },
    /** What the next check_for_updates finds: 'latest' | 'available' | 'offline'. */
    set updateMode(v) { updates.mode = v; },
    /** What install_update comes to: 'refused' (a signature that does not match) | 'ok'. */
    set installMode(v) { updates.install = v; },
    UPDATE_NOTES,
    set holdUpdateCheck(v) { control.holdUpdateCheck = !!v; },
    /** Lets a held check_for_updates answer. */
    updateCheckFinish() {
      if (!updates.hold) throw new Error('no check is held');
      updates.hold();
    },
    get updateCheckHeld() { return !!updates.hold; },
    set holdSettings(v) { control.holdSettings = !!v; },
    /** Lets a held get_settings answer. */
    settingsFinish() {
      if (!control.settingsHold) throw new Error('no get_settings is held');
      control.holdSettings = false;
      control.settingsHold();
    },
    get settingsHeld() { return !!control.settingsHold; },
    /** Changes the state the way the backend would, and pushes it. */
    update(fn) { fn(state); emit(); },
  };

  const uPlotRatio = () => window.devicePixelRatio || 1;

  // Screenshot helpers: drive the UI after it has rendered.
  window.addEventListener('load', () => {
    setTimeout(() => {
      if (q.get('view') === 'settings') document.getElementById('btn-settings').click();
      if (q.get('view') === 'history') {
        document.getElementById('btn-history').click();
        const range = q.get('range');
        if (range) setTimeout(() => document.getElementById(`btn-range-${range}`).click(), 200);
        if (q.get('export')) setTimeout(() => document.getElementById('btn-export').click(), 600);
        if (q.get('zoom')) {
          setTimeout(() => {
            const u = document.getElementById('chart-pressure').uplot;
            if (u) u.setSelect({ left: u.bbox.width / uPlotRatio() * 0.55, width: u.bbox.width / uPlotRatio() * 0.2, top: 0, height: 10 });
          }, 900);
        }
      }
      const find = q.get('find');
      if (find) {
        setTimeout(() => {
          const ids = ['btn-find', 'btn-find-offline', 'btn-find-empty'];
          const shown = ids.map((id) => document.getElementById(id)).find((b) => b.offsetParent !== null);
          if (shown) shown.click();
        }, 300);
      }
      if (q.get('timeradd')) {
        setTimeout(() => {
          document.getElementById('btn-timer-add').click();
          if (q.get('timersave') === 'overlap') setTimeout(() => document.getElementById('btn-save-settings').click(), 100);
        }, 400);
      }
      if (q.get('updatecheck')) {
        setTimeout(() => {
          document.getElementById('btn-update-check').click();
          if (q.get('updateinstall')) {
            setTimeout(() => {
              document.getElementById('btn-update-install').click();
              if (q.get('updateinstall') === 'confirm') setTimeout(() => document.getElementById('btn-update-confirm').click(), 100);
            }, 600);
          }
        }, 300);
      }
      if (q.get('test')) setTimeout(() => document.getElementById('btn-test-connection').click(), 300);
      if (q.get('log') === 'all') document.getElementById('btn-alert-log-toggle').click();
      const sn = q.get('snooze');
      if (sn) document.getElementById(`btn-snooze-${sn}`).click();
      if (q.get('save')) {
        setTimeout(() => {
          const low = q.get('lowalarm');
          if (low) document.getElementById('set-low-alarm-bar').value = low;
          const pw = q.get('password');
          if (pw) { document.getElementById('set-control').checked = true; document.getElementById('set-password').value = pw; }
          document.getElementById('btn-save-settings').click();
        }, 300);
      }
      const d = q.get('dialog');
      if (d) {
        document.getElementById(`btn-${d}`).click();
        if (q.get('expand')) setTimeout(() => { document.getElementById('confirm-details').open = true; }, 400);
        if (q.get('send')) setTimeout(() => document.getElementById('btn-confirm').click(), 400);
      }
    }, 300);
  });
})();
