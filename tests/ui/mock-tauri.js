// A stand-in for window.__TAURI__ so ui/ can be developed and screenshotted in a plain browser.
// Not shipped. Load it before ui/app.js. Select a canned state with ?state=online|offline|unconfigured|implausible
// Extra helpers for screenshots: ?view=settings opens the settings, ?dialog=start|stop|auto opens a confirmation,
// ?send=1 (with ?dialog) confirms it, ?outcome=error shows a failed command.
(() => {
  'use strict';
  const q = new URLSearchParams(location.search);
  const which = q.get('state') || 'online';
  const iso = (minutesAgo) => new Date(Date.now() - minutesAgo * 60000).toISOString();

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
      pressure_band: { low_bar: 2.0, high_bar: 3.0 },
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

  let state = (STATES[which] || STATES.online)();
  let settings = {
    host: state.device ? state.device.split(':')[0] : '', port: 4805, poll_interval_s: 300,
    control_enabled: state.control.enabled, autostart: true, password_stored: state.control.password_stored,
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
      settings = Object.assign({}, settings, s);
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
      const d = q.get('dialog');
      if (d) {
        document.getElementById(`btn-${d}`).click();
        if (q.get('send')) setTimeout(() => document.getElementById('btn-confirm').click(), 400);
      }
    }, 300);
  });
})();
