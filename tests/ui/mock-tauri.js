// A stand-in for window.__TAURI__ so ui/ can be developed and screenshotted in a plain browser.
// Not shipped. Load it before ui/app.js. Select a canned state with
// ?state=online|offline|unconfigured|implausible|alarm|snoozed|quiet (quiet: snoozed, nothing active).
// Extra helpers for screenshots: ?view=settings opens the settings, ?dialog=start|stop|auto opens a confirmation,
// ?send=1 (with ?dialog) confirms it, ?outcome=error shows a failed command, ?log=all expands the alert log,
// ?snooze=1h|tomorrow|off clicks that snooze button, ?save=1 (with ?view=settings) saves the settings form,
// ?lowalarm=2.5 (with ?save=1) enters that alarm level first (an invalid one shows the backend's error).
(() => {
  'use strict';
  const q = new URLSearchParams(location.search);
  const which = q.get('state') || 'online';
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
  const QUIET_LOG = () => [
    entry(iso(95), 'charge_finished', 'info', 'raised', 'Charge finished',
      'The charge reached 90 % (target 90 %). The hot water is ready.', 2.52, 90.2),
    entry(atLocal(1, 18, 42), 'offline', 'warning', 'recovered', 'NEStore back online',
      'The app reaches your NEStore again after 40 min offline (since 18:02).', 2.38, 55.0),
    entry(atLocal(1, 18, 17), 'offline', 'warning', 'raised', 'NEStore offline',
      'The app has not reached your NEStore since 18:02 (no answer within 10 s). Check that it is switched on and connected to your network; the app keeps trying.', null, null),
  ];

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
      device: '192.168.1.50:4805', demo: false, connection: 'online', error: null,
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
    }, over || {});
  }

  const STATES = {
    online: () => base(),
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
        { kind: 'low_pressure', severity: 'alarm', line: 'Alarm: low pressure' },
        { kind: 'leak', severity: 'warning', line: 'Warning: leak suspected' },
      ],
      snoozed_until: null,
      log: ALARM_LOG(),
    },
  });
  STATES.snoozed = () => base({
    reading: reading({ pressure_bar: 3.14, soc_pct: 92.3, soc_total_pct: 95.0, stored_energy_kwh: 14.2,
      heater_power_w: 0, heater_outlet_c: 80.2, state: 'Standby', zone_temps_c: [84.0, 83.1, 81.5, 76.0, 52.3] }),
    alerts: {
      active: [{ kind: 'high_pressure', severity: 'warning', line: 'Warning: high pressure' }],
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

  let state = (STATES[which] || STATES.online)();
  let settings = {
    host: state.device ? state.device.split(':')[0] : '', port: 4805, poll_interval_s: 300,
    control_enabled: state.control.enabled, autostart: true, password_stored: state.control.password_stored,
    alerts: Object.assign({}, THRESHOLDS, which === 'alarm' ? { quiet_hours: ['22:00:00', '07:00:00'] } : {}),
    keyring_error: null,
  };
  const listeners = [];
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const emit = () => listeners.forEach((cb) => cb({ event: 'state', id: 0, payload: clone(state) }));
  const later = (ms) => new Promise((res) => setTimeout(res, ms));
  const fmtDur = (m) => (m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min`.replace(/^0 h /, '') : `${m / 60} h`);

  function validate(cmd) {
    if (!state.control.available) throw 'control is off: enable it and store the service password in Settings';
    const L = LIMITS;
    if (cmd.kind === 'start') {
      if (!(cmd.power_w >= L.power_min_w && cmd.power_w <= L.power_max_w && cmd.power_w % 100 === 0)) throw `power must be 1000–3400 W in steps of 100 W, got ${cmd.power_w} W`;
      const soc = state.reading && state.reading.soc_pct;
      if (soc != null && !(cmd.target_soc_pct > soc)) throw `target SOC ${cmd.target_soc_pct} % is not above the current ${soc.toFixed(1)} %`;
      if (cmd.target_soc_pct > 100) throw 'target SOC must be at most 100 %';
    }
    if (cmd.kind !== 'auto' && !(cmd.duration_min >= 30 && cmd.duration_min <= 300)) throw 'duration must be 30 min to 5 h';
  }

  function preview(cmd) {
    validate(cmd);
    const life = (cmd.duration_min || 0) * 60;
    if (cmd.kind === 'start') {
      return { text: `start electric charging at ${cmd.power_w} W up to ${cmd.target_soc_pct} % for at most ${fmtDur(cmd.duration_min)}`,
        bodies: [{ TASK: 'ControlTask_ChargingElectrical_Start', spin: true, power: cmd.power_w, soc: cmd.target_soc_pct, persistent: true, lifetime: life }] };
    }
    if (cmd.kind === 'stop') {
      return { text: `stop electric charging and keep the schedule from charging for ${fmtDur(cmd.duration_min)}`,
        bodies: [{ TASK: 'ControlTask_ChargingElectrical_Stop', spin: true, persistent: true, lifetime: life }] };
    }
    return { text: 'remove the start and stop tasks, returning the device to automatic operation',
      bodies: [{ TASK: 'ControlTask_ChargingElectrical_Start', spin: false }, { TASK: 'ControlTask_ChargingElectrical_Stop', spin: false }] };
  }

  function validateAlerts(t) {
    const num = ['low_alarm_bar', 'low_bar', 'high_bar', 'high_alarm_bar', 'hysteresis_bar', 'leak_bar_per_6h'];
    for (const k of num) if (typeof t[k] !== 'number' || !Number.isFinite(t[k])) throw `${k} must be a number`;
    for (const k of ['hold_readings', 'offline_grace_min', 'reminder_h']) {
      if (!Number.isInteger(t[k]) || t[k] < 0) throw `invalid settings: alerts.${k}: invalid type, expected u32`;
    }
    if (t.low_alarm_bar <= 0) throw 'low_alarm_bar must be above 0 bar';
    if (t.low_bar <= t.low_alarm_bar) throw 'low_bar must be above low_alarm_bar';
    if (t.high_bar <= t.low_bar) throw 'high_bar must be above low_bar';
    if (t.high_alarm_bar <= t.high_bar) throw 'high_alarm_bar must be above high_bar';
    if (t.high_alarm_bar > 10) throw 'high_alarm_bar must be at most 10 bar';
    if (!(t.hysteresis_bar >= 0 && t.hysteresis_bar <= 0.5)) throw 'hysteresis_bar must be between 0 and 0.5 bar';
    if (!(t.leak_bar_per_6h >= 0.05 && t.leak_bar_per_6h <= 2)) throw 'leak_bar_per_6h must be between 0.05 and 2 bar';
    if (!(t.hold_readings >= 1 && t.hold_readings <= 10)) throw 'hold_readings must be between 1 and 10';
    if (!(t.offline_grace_min >= 1 && t.offline_grace_min <= 1440)) throw 'offline_grace_min must be between 1 and 1440 minutes';
    if (!(t.reminder_h >= 1 && t.reminder_h <= 168)) throw 'reminder_h must be between 1 and 168 hours';
    const q = t.quiet_hours;
    if (q !== null && q !== undefined) {
      const re = /^\d{2}:\d{2}:\d{2}$/;
      if (!Array.isArray(q) || q.length !== 2 || !re.test(q[0]) || !re.test(q[1])) throw 'invalid settings: alerts.quiet_hours: expected ["HH:MM:SS", "HH:MM:SS"]';
      if (q[0] === q[1]) throw 'quiet_hours must start and end at different times';
    }
  }

  function nextSeven() {
    const d = new Date();
    if (d.getHours() >= 7) d.setDate(d.getDate() + 1);
    d.setHours(7, 0, 0, 0);
    return d.toISOString();
  }

  const handlers = {
    get_state: () => clone(state),
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
    send_command: async ({ cmd }) => {
      preview(cmd);
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
    get_settings: () => clone(settings),
    save_settings: ({ settings: s, password, clearPassword }) => {
      if (!s.host) throw 'host: enter the IP address or name of the NEStore';
      if (!(s.port >= 1 && s.port <= 65535)) throw 'port: must be 1–65535';
      if (!(s.poll_interval_s >= 60)) throw `poll interval: ${s.poll_interval_s} s is too short, the device needs at least 60 s`;
      if (s.alerts !== undefined) validateAlerts(s.alerts);
      settings = Object.assign({}, settings, s);
      if (s.alerts) state.pressure_band = bandOf(s.alerts);
      if (clearPassword) settings.password_stored = false;
      else if (password) settings.password_stored = true;
      state.device = `${s.host}:${s.port}`;
      state.control.enabled = s.control_enabled;
      state.control.password_stored = settings.password_stored;
      state.control.available = s.control_enabled && settings.password_stored;
      if (state.connection === 'not_configured') { state.connection = 'connecting'; }
      emit();
      return clone(settings);
    },
    test_connection: async ({ host, port }) => {
      await later(500);
      if (host === '10.0.0.99') return { ok: false, message: `no answer from ${host}:${port} within 10 s` };
      return { ok: true, message: `reached the NEStore at ${host}:${port}: it reports "Standby", 63 %` };
    },
    snooze_alerts: ({ until }) => {
      if (until === '1h') state.alerts.snoozed_until = inMinutes(60);
      else if (until === 'tomorrow') state.alerts.snoozed_until = nextSeven();
      else if (until === 'off') state.alerts.snoozed_until = null;
      else throw `unknown snooze "${until}": expected "1h", "tomorrow" or "off"`;
      emit();
      return null;
    },
    use_demo: () => {
      state = base({ device: 'demo', demo: true, updated_at: new Date().toISOString() });
      emit();
      return null;
    },
  };

  window.__TAURI__ = {
    core: {
      invoke: async (name, args) => {
        const h = handlers[name];
        if (!h) throw `unknown command ${name}`;
        await later(60);
        return h(args || {});
      },
    },
    event: {
      listen: async (name, cb) => {
        if (name === 'state') listeners.push(cb);
        return () => { const i = listeners.indexOf(cb); if (i >= 0) listeners.splice(i, 1); };
      },
    },
  };

  // Screenshot helpers: drive the UI after it has rendered.
  window.addEventListener('load', () => {
    setTimeout(() => {
      if (q.get('view') === 'settings') document.getElementById('btn-settings').click();
      if (q.get('log') === 'all') document.getElementById('btn-alert-log-toggle').click();
      const sn = q.get('snooze');
      if (sn) document.getElementById(`btn-snooze-${sn}`).click();
      if (q.get('save')) {
        setTimeout(() => {
          const low = q.get('lowalarm');
          if (low) document.getElementById('set-low-alarm-bar').value = low;
          document.getElementById('btn-save-settings').click();
        }, 300);
      }
      const d = q.get('dialog');
      if (d) {
        document.getElementById(`btn-${d}`).click();
        if (q.get('send')) setTimeout(() => document.getElementById('btn-confirm').click(), 400);
      }
    }, 300);
  });
})();
