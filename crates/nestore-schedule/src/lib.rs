//! Charge timers for the NEStore water battery (issue 11, part 2): rules as the owner sets
//! them ("weekdays 02:00-05:00, charge at 2000 W to 90 %", "block 17:00-20:00"), their
//! windows in local time across daylight-saving changes, and what to send when.
//!
//! A charge may take only the cheapest hours of its window ([`Rule::cheapest_hours`]):
//! the caller hands the day-ahead prices in with [`Scheduler::set_prices`] (a
//! [`PriceCurve`] from `nestore-prices`); without them it charges in its last N hours.
//!
//! Pure logic, like `nestore-watch`: no clock, no I/O. Its only words, a refused rule's
//! (`RuleError::message`), come from the catalogue (`app.ftl`, `timer-*`). The caller passes the time
//! and the time zone, sends the [`Step`]s with the device library, and reports back.
//!
//! ```
//! use chrono::{NaiveTime, TimeZone, Utc};
//! use nestore_schedule::{validate, Action, Days, Purpose, Rule, Scheduler, Sent};
//!
//! let night = Rule {
//!     days: Days::EVERY_DAY,
//!     start: NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
//!     end: NaiveTime::from_hms_opt(5, 0, 0).unwrap(),
//!     action: Action::Charge { power_w: 2000, target_soc_pct: 90 },
//!     enabled: true,
//!     cheapest_hours: None,
//! };
//! validate(&[night]).unwrap();
//! let mut s = Scheduler::new(vec![night]);
//! let two = Utc.with_ymd_and_hms(2026, 1, 5, 2, 0, 0).unwrap();
//! assert_eq!(s.wake_at(two - chrono::Duration::hours(3), &Utc), Some(two));
//! let steps = s.due(two, &Utc);
//! assert_eq!(steps[0].purpose, Purpose::Start);
//! assert_eq!(steps[0].lifetime, Some(std::time::Duration::from_secs(3 * 3600)));
//! s.sent(&steps[0], Sent::Done, two);
//! ```

mod calendar;
mod rule;
mod scheduler;
mod text;

pub use calendar::{instant, window_on, windows, Basis, Window, WindowId};
pub use nestore_prices::{PriceCurve, PricePoint};
pub use rule::{validate, Action, Days, Problem, Rule, RuleError, MIN_WINDOW_MIN};
pub use scheduler::{
    preview, preview_with_prices, Planned, Purpose, Scheduler, Sent, Step, RENEW_BEFORE,
    RETRY_AFTER,
};
