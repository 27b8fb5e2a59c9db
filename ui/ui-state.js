// The window's own state: everything the window knows that the backend's `state` does not.
// One object; app.js owns it, actions change it and then render everything from (state, ui).

export function createUi() {
  return {
    view: 'monitor',              // 'monitor' | 'settings' | 'history'
    refreshing: false,            // a refresh_now call is in flight
    demoStarting: false,          // a use_demo call is in flight

    // notices
    dismissedNotice: null,        // the backend notice the owner dismissed (its text)
    localError: null,             // a failed refresh / demo / state read: stays until dismissed

    // active alerts and log
    snoozing: false,              // a snooze_alerts call is in flight
    snoozeError: null,            // the last snooze's error: shown until the next snooze action
    logExpanded: false,           // the alert log shows every entry, not only the newest

    // controls
    controls: {
      touched: false,             // the owner edited the form: defaults no longer refill it
      filledFrom: null,           // JSON of the defaults the form was last filled from
      invalid: [],                // command keys to mark: power_w, target_soc_pct, duration_min
    },
    sending: false,               // a preview/send round trip started from this window
    localOutcome: null,           // {ok, text, at}: newer than control.last_outcome
    confirm: null,                // the open confirmation: {cmd, token, text, bodies, fromTray}
    trayConfirmSeen: null,        // JSON of the state.confirm already handled

    // history (panels/history.js; docs/ipc.md "History")
    history: {
      range: '24h',               // '24h' | '7d' | '30d' | '1y'
      zoom: null,                 // {from, to} in unix seconds: a span dragged across a chart
      query: null,                // {from, to, buckets} of the last history_query sent
      loading: false,             // a history_query is in flight
      data: null,                 // the last history_query reply (for `query`)
      error: null,                // the last query's error message
      pollS: null,                // the poll interval (get_settings): no bucket narrower than 1.5 polls
      exporting: false,           // a history_export is in flight
      exportMessage: null,        // {ok, text}: where the CSV went, or the error
    },

    // Find my NEStore (panels/finder.js; docs/ipc.md "discover")
    discovery: {
      running: false,             // a discover call is in flight
      origin: null,               // where it was started: 'settings' | 'empty' | 'offline' (its results show there)
      hits: [],                   // the NEStores found, in the order they came (unique by address)
      result: null,               // {complete, swept} when the search is over
      error: null,                // the search's error message (e.g. one is running already)
    },

    // updates of the app in Settings (panels/updates.js; docs/ipc.md `update`, check_for_updates)
    updates: {
      checking: false,            // a check_for_updates call is in flight
      answer: null,               // the last check's answer (state.update's shape), until the state has it
      error: null,                // a check refused (one runs already): the owner's words
      confirming: false,          // "Install version X…" was pressed: the confirmation shows
      installing: false,          // an install_update call is in flight
      refusal: null,              // the last install's refusal (nothing installed): the owner's words
      installed: null,            // the install's message (the app restarts next)
    },

    // charge timers in Settings (panels/timers.js, timer-rules.js; docs/ipc.md "Charge timers")
    timers: {
      from: null,                 // the settings (ui.settings.loaded) the rules were taken from
      rules: null,                // the rules being edited (timer-rules.js editable); null: the backend keeps none
    },

    // settings
    settings: {
      loaded: null,               // the settings as last loaded or saved (get_settings shape)
      message: null,              // {ok: true | false | null (busy), text}
      invalid: [],                // settings keys to mark: host, port, alerts.low_bar, …
      passwordCheck: null,        // {ok, message} from save_settings or test_connection's login
      loading: false,             // get_settings in flight: the form is inert until it answers
      saving: false,
      testing: false,
    },
  };
}
