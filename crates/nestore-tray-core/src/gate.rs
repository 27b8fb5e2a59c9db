//! The gate every control command passes: the owner must have confirmed exactly this
//! command (a preview hands out a short-lived, single-use token that the send must carry),
//! and only one command is in flight at a time. Pure logic: the caller passes the time.

use std::time::{Duration, Instant};

use crate::actions::CommandArgs;

/// How long a confirmation stays good.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(120);
/// Tokens kept at once (older ones are dropped): a window shows one dialog at a time.
const MAX_TOKENS: usize = 8;

/// Why a send is refused. `Display` is English (logs); the owner reads
/// [`Refusal::message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Another command is still being sent.")]
    Busy,
    #[error("Confirm the command first: it was not confirmed, the confirmation was for another command, or it expired.")]
    NotConfirmed,
}

impl Refusal {
    /// The refusal in the catalogue's language.
    pub fn message(self, cat: &nestore_i18n::Catalogue) -> String {
        cat.label(match self {
            Refusal::Busy => "control-busy",
            Refusal::NotConfirmed => "control-not-confirmed",
        })
    }
}

#[derive(Debug)]
struct Issued {
    token: String,
    cmd: CommandArgs,
    expires: Instant,
}

#[derive(Debug, Default)]
pub struct Gate {
    issued: Vec<Issued>,
    busy: bool,
}

impl Gate {
    /// A token for one send of exactly `cmd` within [`TOKEN_LIFETIME`].
    pub fn issue(&mut self, cmd: CommandArgs, now: Instant) -> String {
        self.issued.retain(|i| i.expires > now);
        if self.issued.len() >= MAX_TOKENS {
            self.issued.remove(0);
        }
        let token = format!("{:032x}", rand::random::<u128>());
        self.issued.push(Issued {
            token: token.clone(),
            cmd,
            expires: now + TOKEN_LIFETIME,
        });
        token
    }

    /// Lets `cmd` through when `token` confirms it and nothing else is in flight. The
    /// token is used up; [`Gate::finish`] ends the command.
    pub fn begin(&mut self, cmd: CommandArgs, token: &str, now: Instant) -> Result<(), Refusal> {
        if self.busy {
            return Err(Refusal::Busy);
        }
        let found = self
            .issued
            .iter()
            .position(|i| i.token == token && i.cmd == cmd && i.expires > now)
            .ok_or(Refusal::NotConfirmed)?;
        self.issued.remove(found);
        self.busy = true;
        Ok(())
    }

    /// Lets a charge timer's command through when nothing else is in flight. It needs no
    /// token: the owner confirmed the timer when Settings saved it (the backend checked
    /// it then, and the device library checks the command again before it is sent).
    /// [`Gate::finish`] ends it.
    pub fn begin_scheduled(&mut self) -> Result<(), Refusal> {
        if self.busy {
            return Err(Refusal::Busy);
        }
        self.busy = true;
        Ok(())
    }

    pub fn finish(&mut self) {
        self.busy = false;
    }

    pub fn busy(&self) -> bool {
        self.busy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: CommandArgs = CommandArgs::Start {
        power_w: 2000,
        target_soc_pct: 90,
        duration_min: 120,
    };

    #[test]
    fn a_send_needs_the_token_of_its_own_preview() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        assert_eq!(g.begin(START, "", t0), Err(Refusal::NotConfirmed));
        assert_eq!(g.begin(START, "made-up", t0), Err(Refusal::NotConfirmed));
        let auto = g.issue(CommandArgs::Auto, t0);
        assert_eq!(
            g.begin(START, &auto, t0),
            Err(Refusal::NotConfirmed),
            "a token confirms only its own command"
        );
        let token = g.issue(START, t0);
        assert_ne!(token, auto);
        assert_eq!(g.begin(START, &token, t0 + Duration::from_secs(5)), Ok(()));
        g.finish();
        assert_eq!(
            g.begin(START, &token, t0 + Duration::from_secs(6)),
            Err(Refusal::NotConfirmed),
            "a token is good once"
        );
    }

    #[test]
    fn a_token_expires() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        let token = g.issue(CommandArgs::Auto, t0);
        assert_eq!(
            g.begin(CommandArgs::Auto, &token, t0 + TOKEN_LIFETIME),
            Err(Refusal::NotConfirmed)
        );
        let token = g.issue(CommandArgs::Auto, t0);
        assert_eq!(
            g.begin(
                CommandArgs::Auto,
                &token,
                t0 + TOKEN_LIFETIME - Duration::from_secs(1)
            ),
            Ok(())
        );
    }

    #[test]
    fn one_command_at_a_time() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        let a = g.issue(START, t0);
        let b = g.issue(CommandArgs::Auto, t0);
        g.begin(START, &a, t0).unwrap();
        assert!(g.busy());
        assert_eq!(g.begin(CommandArgs::Auto, &b, t0), Err(Refusal::Busy));
        g.finish();
        assert!(!g.busy());
        assert_eq!(
            g.begin(CommandArgs::Auto, &b, t0),
            Ok(()),
            "a refused send keeps its token"
        );
    }

    #[test]
    fn a_timer_waits_for_a_command_in_flight_and_holds_the_owners_back() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        let a = g.issue(START, t0);
        g.begin(START, &a, t0).unwrap();
        assert_eq!(g.begin_scheduled(), Err(Refusal::Busy));
        g.finish();
        g.begin_scheduled().unwrap();
        let b = g.issue(CommandArgs::Auto, t0);
        assert_eq!(g.begin(CommandArgs::Auto, &b, t0), Err(Refusal::Busy));
        g.finish();
        assert_eq!(g.begin(CommandArgs::Auto, &b, t0), Ok(()));
    }

    #[test]
    fn old_tokens_are_dropped_not_hoarded() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        let first = g.issue(START, t0);
        for _ in 0..MAX_TOKENS {
            g.issue(START, t0);
        }
        assert_eq!(g.issued.len(), MAX_TOKENS);
        assert_eq!(g.begin(START, &first, t0), Err(Refusal::NotConfirmed));
    }

    #[test]
    fn expired_tokens_are_forgotten_at_the_next_issue() {
        let t0 = Instant::now();
        let mut g = Gate::default();
        for _ in 0..3 {
            g.issue(START, t0);
        }
        // At the very end of their lifetime they are no longer good: nothing keeps them.
        let live = g.issue(CommandArgs::Auto, t0 + TOKEN_LIFETIME);
        assert_eq!(g.issued.len(), 1);
        assert_eq!(
            g.begin(CommandArgs::Auto, &live, t0 + TOKEN_LIFETIME),
            Ok(())
        );
    }

    #[test]
    fn refusals_read_in_each_language_and_english_matches_the_log() {
        use nestore_i18n::{Catalogue, Language};
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        for r in [Refusal::Busy, Refusal::NotConfirmed] {
            assert_eq!(r.message(en), r.to_string());
        }
        assert_eq!(
            Refusal::Busy.message(nl),
            "Er wordt nog een andere opdracht verstuurd."
        );
        assert!(Refusal::NotConfirmed
            .message(nl)
            .starts_with("Bevestig eerst de opdracht"));
    }
}
