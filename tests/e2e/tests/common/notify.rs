//! Desktop notifications, captured on the session bus as Notify calls.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use zbus::zvariant::{OwnedValue, Value};

use super::Result;

/// One `org.freedesktop.Notifications.Notify` call as seen on the bus.
#[derive(Debug, Clone)]
pub struct Notification {
    pub app_name: String,
    pub replaces_id: u32,
    pub icon: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    /// The `urgency` hint: 0 low, 1 normal, 2 critical.
    pub urgency: Option<u8>,
    pub timeout: i32,
}

type NotifyArgs = (
    String,
    u32,
    String,
    String,
    String,
    Vec<String>,
    HashMap<String, OwnedValue>,
    i32,
);

/// Every Notify call on the session bus, captured by a connection that became a bus
/// monitor (`org.freedesktop.DBus.Monitoring.BecomeMonitor`). Start it before the app.
pub struct NotificationMonitor {
    seen: Arc<Mutex<Vec<Notification>>>,
    task: tokio::task::JoinHandle<()>,
}

impl NotificationMonitor {
    pub async fn start() -> Result<NotificationMonitor> {
        let conn = zbus::connection::Builder::session()?.build().await?;
        // The stream first, so nothing that arrives after BecomeMonitor is missed.
        let mut stream = zbus::MessageStream::from(&conn);
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::MethodCall)
            .interface("org.freedesktop.Notifications")?
            .member("Notify")?
            .build();
        zbus::fdo::MonitoringProxy::new(&conn)
            .await?
            .become_monitor(&[rule], 0)
            .await?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let task = tokio::spawn(async move {
            let _conn = conn;
            while let Some(msg) = stream.next().await {
                let Ok(msg) = msg else { continue };
                let h = msg.header();
                if h.message_type() != zbus::message::Type::MethodCall
                    || h.member().map(|m| m.as_str()) != Some("Notify")
                {
                    continue;
                }
                match msg.body().deserialize::<NotifyArgs>() {
                    Ok((app_name, replaces_id, icon, summary, body, actions, hints, timeout)) => {
                        let urgency = hints.get("urgency").and_then(|v| match &**v {
                            Value::U8(b) => Some(*b),
                            Value::Value(inner) => match &**inner {
                                Value::U8(b) => Some(*b),
                                _ => None,
                            },
                            _ => None,
                        });
                        sink.lock().unwrap().push(Notification {
                            app_name,
                            replaces_id,
                            icon,
                            summary,
                            body,
                            actions,
                            urgency,
                            timeout,
                        });
                    }
                    Err(e) => eprintln!("a Notify call that does not parse: {e}"),
                }
            }
        });
        Ok(NotificationMonitor { seen, task })
    }

    /// The notifications seen so far from `app_name`.
    pub fn sent_by(&self, app_name: &str) -> Vec<Notification> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n.app_name == app_name)
            .cloned()
            .collect()
    }
}

impl Drop for NotificationMonitor {
    fn drop(&mut self) {
        self.task.abort();
    }
}
