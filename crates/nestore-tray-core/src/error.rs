//! The one error the window sees (`docs/ipc.md`): `{code, message, field}`. Every IPC
//! command that fails rejects with it, so the window shows `message` as it is and marks
//! the form field that `field` names, without taking strings apart.

use serde::Serialize;

/// What kind of failure, for the window to decide how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Bad input; `field` names it.
    Invalid,
    /// Not allowed now: control off, no device, another command in flight, no confirmation.
    Refused,
    /// The device failed or said no.
    Device,
    /// The OS keyring.
    Keyring,
    /// A file.
    Io,
    /// A fault of the app itself.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: Code,
    /// The owner's words, shown as they are.
    pub message: String,
    /// The settings key or command argument at fault (`host`, `alerts.low_bar`, `power_w`).
    pub field: Option<String>,
}

impl IpcError {
    pub fn new(code: Code, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> IpcError {
        IpcError {
            code: Code::Invalid,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn refused(message: impl Into<String>) -> IpcError {
        IpcError::new(Code::Refused, message)
    }

    pub fn device(message: impl Into<String>) -> IpcError {
        IpcError::new(Code::Device, message)
    }

    pub fn keyring(message: impl Into<String>) -> IpcError {
        IpcError::new(Code::Keyring, message)
    }

    pub fn io(message: impl Into<String>) -> IpcError {
        IpcError::new(Code::Io, message)
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError::new(Code::Internal, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_code_message_and_field() {
        let e = IpcError::invalid("alerts.low_bar", "Low-pressure warning: too low");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "invalid", "message": "Low-pressure warning: too low", "field": "alerts.low_bar"})
        );
        let e = IpcError::refused("Confirm the command first.");
        assert_eq!(
            serde_json::to_value(&e).unwrap()["field"],
            serde_json::Value::Null
        );
        assert_eq!(e.to_string(), "Confirm the command first.");
    }
}
