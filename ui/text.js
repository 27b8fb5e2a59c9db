// Every user-visible string of the window, in one catalogue.
//
// The HTML holds no words of its own: elements name a key instead (data-t="key" for the
// text, data-t-title / data-t-aria-label / data-t-placeholder for those attributes) and
// applyText() fills them in. Strings with values in them are functions.
//
// Another language is another object with the same keys: pass it to useCatalogue() before
// the first render (or call applyText() and render again after). `locale` drives number
// and date formatting in format.js.
//
// Words that come from the backend (alert lines, notices, error messages, confirmation
// text, test results) are the owner's words already and are shown as they are.

export const en = {
  locale: 'en-GB',
  docTitle: 'NEStore',

  // ---- general ----
  dash: '—',
  notReported: 'not reported',
  implausible: 'implausible',
  implausibleTitle: 'The device reported a physically impossible value',
  somethingWrong: 'Something went wrong.',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss message',
  notInApp: 'This window must be opened by NEStore Tray.',
  subscribeFailed: (msg) => `Could not subscribe to updates: ${msg}`,
  stateFailed: (msg) => `Could not read the app state: ${msg}`,

  // ---- units and amounts (format.js) ----
  unitPct: '%',
  unitW: 'W',
  unitKwh: 'kWh',
  unitL: 'L',
  unitLpm: 'L/min',
  unitC: '°C',
  unitBar: 'bar',
  unitS: 's',
  unitMin: 'min',
  unitH: 'h',
  unitBarPer6h: 'bar/6 h',
  unitReadings: 'readings',
  hours: (h) => `${h} h`,
  minutes: (m) => `${m} min`,
  hoursMinutes: (h, m) => `${h} h ${m} min`,
  justNow: 'just now',
  minAgo: (m) => `${m} min ago`,
  hoursAgo: (h) => `${h} h ago`,
  hoursMinAgo: (h, m) => `${h} h ${m} min ago`,
  daysAgo: (d) => (d === 1 ? '1 day ago' : `${d} days ago`),

  // ---- header and readings ----
  brand: 'NEStore',
  demoDevice: 'Demo device (simulated)',
  noDevice: 'no device',
  refresh: 'Refresh',
  refreshTitle: 'Read the device now',
  refreshBusy: 'Reading the device…',
  settings: 'Settings',
  summary: 'Summary',
  socLabel: 'State of charge',
  socAria: (v) => `State of charge ${v}`,
  socTitle: 'How full the usable part of the tank is',
  socTotal: (v) => `${v} of the whole tank`,
  socTotalTitle: 'The device reports two figures: the big one is the share of the usable capacity, this one the share of the whole tank (the device calls it “% of total”).',
  deviceStateTitle: 'What the controller is doing',
  deviceTermTitle: (raw) => `The device calls this “${raw}”`,
  // The device's own names for what it does, in the owner's words. Names not listed here
  // are shown as the device sends them.
  deviceStates: {
    'Charging Electrical Main': 'Charging (electric heater)',
    'Electrical Charging Blocked': 'Not charging (held off)',
  },
  connection: {
    online: 'online',
    retrying: 'retrying…',
    connecting: 'connecting',
    offline: 'offline',
    not_configured: 'not configured',
  },
  offlineSince: (when) => `offline since ${when}`,
  retryingTitle: (err) => `The last reading failed; the app tries again soon. ${err}`,
  noReadingYet: 'no reading yet',
  ageNoDevice: 'no device',
  updated: (when, ago) => `updated ${when}, ${ago}`,
  staleSuffix: ' · stale',
  staleTitle: 'This reading is older than two poll intervals',

  // ---- empty state ----
  emptyTitle: 'No NEStore set up yet',
  emptyText: 'Enter the address of your water battery in Settings, or try the app with a simulated device.',
  useDemo: 'Use the demo device',
  openSettings: 'Open settings',

  // ---- vessel ----
  vessel: 'Vessel',
  vesselTitle: 'Temperature zones of the vessel',
  zoneAria: (i, v) => `Zone ${i}: ${v}`,
  heater: 'Heater',
  heating: 'heating',
  notHeating: 'not heating',
  outlet: 'outlet',
  storedEnergy: 'Stored energy',
  flow: 'Hot-water flow',
  legendCold: '10 °C',
  legendHot: '85 °C',

  // ---- pressure ----
  pressure: 'Pressure',
  tickLowTitle: (v) => `Low-pressure alarm below ${v} bar`,
  tickHighTitle: (v) => `High-pressure alarm above ${v} bar`,
  healthyBand: (band) => `Healthy: ${band}`,
  withinBand: (band) => `Within the healthy ${band} band`,
  outsideBandQuiet: (band) => `Healthy: ${band} · no alert raised`,
  lowAlarmHint: (v) => `Below the ${v} bar alarm level — check for leaks and call your installer`,
  highAlarmHint: (v) => `Above the ${v} bar alarm level — call your installer; do not start a charge`,
  lowWarnHint: (band) => `Below the healthy ${band} band — a falling pressure at a steady charge can mean a leak`,
  highWarnHint: (band) => `Above the healthy ${band} band — check the expansion vessel`,
  leakHint: 'Falling at a steady charge — possibly a leak: check pipes and valves',
  sensorHint: 'The pressure sensor reports nothing — call your installer if it lasts',
  implausiblePressure: (band) => `The device reported an impossible pressure. Healthy: ${band}`,

  // ---- totals ----
  totals: 'Totals',
  hotWater: 'Hot water',
  charged: 'Charged',
  waterUsed: 'Water used',
  modeDependent: { true: 'linked', false: 'stand-alone' },
  modeOnline: { true: 'supplier link on', false: 'supplier link off' },
  modesTitle: (dep, onl) => `The device reports: dependent mode ${dep}, online mode ${onl} (independent / online mode).`,
  on: 'on',
  off: 'off',

  // ---- control ----
  control: 'Control',
  controlOff: 'Control is off — enable it and store the service password in Settings',
  heaterPower: 'Heater power',
  powerSlider: 'Heater power slider',
  chargeUpTo: 'Charge up to',
  holdFor: 'Hold for',
  holdHelp: 'How long a charge may run, and how long Stop keeps the automatic schedule from charging.',
  startCharging: 'Start charging',
  stopCharging: 'Stop charging',
  resumeAuto: 'Resume automatic',
  talking: 'Talking to the device…',
  confirmedState: (words) => `Confirmed by the device: ${words}`,
  confirmed: 'Confirmed by the device.',
  notAccepted: 'The device did not accept the command.',
  stateWithTerm: (words, raw) => `${words} (“${raw}”)`,
  powerRange: (min, max, step) => `Power must be ${min}–${max} W in steps of ${step} W.`,
  targetAbove: (soc, min, max) => `Target must be above the current ${soc} % (${min}–${max} %).`,
  targetRange: (max) => `Target must be 1–${max} %.`,
  targetAboveMax: (target, max) => `A target of ${target} % is above the ${max} % maximum.`,
  durationRange: (min, max) => `Duration must be ${min} to ${max}.`,
  describeStart: (w, pct, dur) => `Start electric charging at ${w} W up to ${pct} % for at most ${dur}`,
  describeStop: (dur) => `Stop electric charging and keep the schedule from charging for ${dur}`,
  describeAuto: 'Return the device to automatic operation',

  // ---- confirmation ----
  confirmTitle: 'Send to the device?',
  whatIsSent: 'What will be sent',
  cancel: 'Cancel',
  send: 'Send',

  // ---- active alerts ----
  activeAlerts: 'Active alerts',
  activeCount: (n) => (n === 1 ? '1 active alert' : `${n} active alerts`),
  severity: { alarm: 'Alarm', warning: 'Warning', info: 'Info' },
  alertFallback: (sev, kind) => `${sev}: ${kind}`,
  snoozedUntil: (when) => `Alerts snoozed until ${when} (alarms still notify)`,
  resumeAlerts: 'Resume alerts',
  snooze1h: 'Snooze 1 h',
  snooze1hTitle: 'Silence warnings for an hour; alarms still notify',
  snoozeTomorrow: 'Until tomorrow',
  snoozeTomorrowTitle: 'Silence warnings until 07:00; alarms still notify',
  alarmsNotSnoozable: 'Alarms cannot be snoozed.',

  // ---- alert log ----
  alerts: 'Alerts',
  noAlerts: 'No alerts yet',
  logged: (n) => `${n} logged`,
  showAll: (n) => `Show all (${n})`,
  showFewer: 'Show fewer',
  phase: { escalated: 'escalated', reminder: 'reminder', recovered: 'resolved' },
  resolved: 'resolved',
  sevResolved: (sev) => `${sev} resolved`,
  alertTitleFallback: 'Alert',
  logPressure: (v) => `${v} bar`,
  logSoc: (v) => `${v} % charge`,
  notNotified: '(not notified)',
  notNotifiedSnoozed: '(not notified: snoozed)',
  notNotifiedQuiet: '(quiet hours)',
  notNotifiedBy: (by) => `(not notified: ${by})`,

  // ---- settings ----
  back: 'Back',
  backLabel: 'Back to the monitor',
  deviceAddress: 'Device address',
  hostPlaceholder: '192.168.1.50 or nestore.home',
  port: 'Port',
  readEvery: 'Read every',
  intervalHelp: 'At least 60 s; the device is slow. 300 s is the usual choice.',
  allowControl: 'Allow control',
  allowControlHelp: 'Start and stop charging from this app',
  startAtLogin: 'Start at login',
  servicePassword: 'Service password',
  passwordPlaceholder: 'Leave empty to keep the stored one',
  forgetPassword: 'Forget the stored password',
  passwordStored: 'A password is stored in the OS keyring',
  noPassword: 'No password stored',
  alertsLegend: 'Alerts',
  warnBelow: 'Warn below',
  alarmBelow: 'Alarm below',
  warnAbove: 'Warn above',
  alarmAbove: 'Alarm above',
  pressureLimitsHelp: 'Pressure limits. The low-pressure warning applies above 50 % charge, the alarms at any charge.',
  leakLabel: 'Leak: falls faster than',
  confirmAfter: 'Confirm after',
  offlineAfter: 'Offline alert after',
  repeatAlarms: 'Repeat alarms every',
  quietHours: 'Quiet hours',
  quietHelp: 'Warnings are logged but not shown; alarms always notify',
  from: 'From',
  to: 'to',
  testConnection: 'Test connection',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  trying: (host, port) => `Trying ${host}:${port}…`,
  reached: 'Reached the device.',
  notReached: 'Could not reach the device.',
  needHost: 'Host: enter the address of the NEStore first.',
  badPort: 'Port: enter a whole number from 1 to 65535 (the NEStore uses 4805).',
  badInterval: 'Poll interval: enter a whole number of seconds (at least 60).',
  badNumber: (label, integer) => `${label}: enter ${integer ? 'a whole number' : 'a number'}.`,
  quietStart: 'Quiet hours: enter a start time.',
  quietEnd: 'Quiet hours: enter an end time.',
  keepHistory: 'Keep history',
  keepHistoryHelp: 'Store every reading on this computer for the History charts',
  keepFor: 'Keep for',
  keepForever: 'Forever',
  keepYears: (n) => (n === 1 ? '1 year' : `${n} years`),
  keepDays: (n) => `${n} days`,

  // ---- history ----
  history: 'History',
  historyTitle: 'History: charts of the readings',
  historyRanges: 'Period',
  ranges: { '24h': '24 h', '7d': '7 days', '30d': '30 days', '1y': '1 year' },
  rangeTitles: { '24h': 'The last 24 hours', '7d': 'The last 7 days', '30d': 'The last 30 days', '1y': 'The last year' },
  zoomedTo: (from, to) => `${from} – ${to}`,
  resetZoom: 'Reset zoom',
  dragToZoom: 'Drag across a chart to zoom in; hover for the values.',
  historyLoading: 'Loading…',
  historyEmpty: 'No history yet. The app keeps every reading it takes, so the charts fill in as it runs.',
  historyEmptyRange: 'No readings in this period.',
  historyOff: '“Keep history” is off in Settings: no new readings are kept.',
  historyNoCharts: 'The charts could not be loaded. Restart NEStore Tray; if that does not help, report it.',
  historyFailed: (msg) => `Could not read the history: ${msg}`,
  demoData: 'Demo data',
  demoDataTitle: 'Some of these readings come from the simulated demo device',
  chartSoc: 'Charge and heater',
  chartPressure: 'Pressure',
  chartZones: 'Zone temperatures',
  chartDaily: 'Daily use and charging',
  chartAria: (name) => `${name} chart`,
  seriesTime: 'Time',
  seriesDay: 'Day',
  seriesSoc: 'Charge',
  seriesPower: 'Heater',
  seriesPressure: 'Pressure',
  seriesMin: 'min',
  seriesMax: 'max',
  seriesZone: (i) => (i === 1 ? 'Zone 1 (top)' : i === 5 ? 'Zone 5 (bottom)' : `Zone ${i}`),
  seriesHotWater: 'Hot water',
  seriesCharged: 'Charged',
  axisKw: 'kW',
  dailyAverages: (l, kwh, weeks) => `${l} · ${kwh} a day, ${weeks === 1 ? 'weekly' : `${weeks}-weekly`} averages`,
  noValue: '—',
  eventAt: (when, title) => `${when} ${title}`,
  exportCsv: 'Export CSV',
  exportTitle: 'Save the readings of the period shown as a CSV file',
  exportDaily: 'Daily totals',
  exportDailyTitle: 'One line per day (hot water, charged energy) instead of the readings',
  exporting: 'Exporting…',
  exportedTo: (path) => `Saved to ${path}`,
};

/** The catalogue in use. A live binding: modules that import it see a swap. */
export let t = en;

export function useCatalogue(catalogue) {
  t = Object.assign({}, en, catalogue); // a key the new catalogue lacks falls back to English
  document.documentElement.lang = (t.locale || 'en').split('-')[0];
}

const ATTRS = [['data-t-title', 'title'], ['data-t-aria-label', 'aria-label'], ['data-t-placeholder', 'placeholder']];

/** Fills the static words of the page (data-t keys) from the catalogue. */
export function applyText(root = document) {
  document.title = t.docTitle;
  for (const node of root.querySelectorAll('[data-t]')) {
    const v = t[node.dataset.t];
    if (typeof v === 'string') node.textContent = v;
  }
  for (const [data, attr] of ATTRS) {
    for (const node of root.querySelectorAll(`[${data}]`)) {
      const v = t[node.getAttribute(data)];
      if (typeof v === 'string') node.setAttribute(attr, v);
    }
  }
}
