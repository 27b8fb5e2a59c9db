//! Validation of control-task bodies into model tasks, which may not apply them (the
//! device routes in `api` do).
//!
//! The real device's reaction to bad bodies is unknown; the simulator is strict so that
//! client bugs show up as 400s.

use serde_json::{Map, Value};

use crate::model::Task;

pub const TASK_START: &str = "ControlTask_ChargingElectrical_Start";
pub const TASK_STOP: &str = "ControlTask_ChargingElectrical_Stop";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    Start,
    Stop,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `spin: true`: install this task (replacing any other).
    Set(Task),
    /// `spin: false`: remove the task of this kind → automatic operation.
    Remove(TaskKind),
}

fn number(obj: &Map<String, Value>, key: &str) -> Result<f64, String> {
    match obj.get(key) {
        Some(Value::Number(n)) => n.as_f64().ok_or_else(|| format!("{key}: not a number")),
        Some(other) => Err(format!("{key}: expected a number, got {other}")),
        None => Err(format!("{key}: missing")),
    }
}

fn integer_in(
    obj: &Map<String, Value>,
    key: &str,
    lo: f64,
    hi: f64,
    step: f64,
) -> Result<f64, String> {
    let v = number(obj, key)?;
    if v.fract() != 0.0 || v < lo || v > hi || v % step != 0.0 {
        return Err(format!(
            "{key}: {v} out of range ({lo}..={hi}, step {step})"
        ));
    }
    Ok(v)
}

fn boolean(obj: &Map<String, Value>, key: &str, required: bool) -> Result<Option<bool>, String> {
    match obj.get(key) {
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(format!("{key}: expected a boolean, got {other}")),
        None if required => Err(format!("{key}: missing")),
        None => Ok(None),
    }
}

/// Parse a control body into a command, or a human-readable reason for a 400.
pub fn parse(body: &Value) -> Result<Command, String> {
    let obj = body.as_object().ok_or("body must be a JSON object")?;
    let kind = match obj.get("TASK").and_then(Value::as_str) {
        Some(TASK_START) => TaskKind::Start,
        Some(TASK_STOP) => TaskKind::Stop,
        Some(other) => return Err(format!("unknown TASK {other:?}")),
        None => return Err("TASK: missing or not a string".to_owned()),
    };
    if !boolean(obj, "spin", true)?.unwrap_or(false) {
        return Ok(Command::Remove(kind));
    }
    let lifetime = integer_in(obj, "lifetime", 1800.0, 18000.0, 1.0)?;
    Ok(Command::Set(match kind {
        TaskKind::Start => {
            let power = integer_in(obj, "power", 1000.0, 3400.0, 100.0)?;
            let soc = number(obj, "soc")?;
            if !(1.0..=100.0).contains(&soc) {
                return Err(format!("soc: {soc} out of range (1..=100)"));
            }
            boolean(obj, "persistent", true)?;
            Task::Start {
                power_w: power,
                soc_target_pct: soc,
                remaining_s: lifetime,
            }
        }
        TaskKind::Stop => {
            boolean(obj, "persistent", false)?;
            Task::Stop {
                remaining_s: lifetime,
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn protocol_bodies_parse() {
        let start = json!({"TASK": TASK_START, "spin": true, "power": 2000, "soc": 90, "persistent": true, "lifetime": 7200});
        assert_eq!(
            parse(&start),
            Ok(Command::Set(Task::Start {
                power_w: 2000.0,
                soc_target_pct: 90.0,
                remaining_s: 7200.0
            }))
        );
        let stop = json!({"TASK": TASK_STOP, "spin": true, "persistent": true, "lifetime": 7200});
        assert!(matches!(parse(&stop), Ok(Command::Set(Task::Stop { .. }))));
        assert_eq!(
            parse(&json!({"TASK": TASK_STOP, "spin": false})),
            Ok(Command::Remove(TaskKind::Stop))
        );
    }

    #[test]
    fn out_of_range_rejected() {
        let base = json!({"TASK": TASK_START, "spin": true, "power": 2000, "soc": 90, "persistent": true, "lifetime": 7200});
        for (k, v) in [
            ("power", json!(950)),
            ("power", json!(3500)),
            ("power", json!(2050)),
            ("power", json!("2000")),
            ("soc", json!(0)),
            ("soc", json!(101)),
            ("lifetime", json!(1799)),
            ("lifetime", json!(18001)),
            ("persistent", json!("yes")),
            ("spin", json!("true")),
            ("TASK", json!("ControlTask_Other")),
        ] {
            let mut b = base.clone();
            b[k] = v;
            assert!(parse(&b).is_err(), "{b}");
        }
        assert!(parse(&json!([1])).is_err());
    }
}
