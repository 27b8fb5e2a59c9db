//! The tray icon and its menu: it only draws the [`TrayLook`] it is handed, and hands
//! every click back as a [`TrayAction`]. Linux trays deliver no clicks and no tooltips,
//! so the menu's first lines carry the readings. The menu is changed in place (texts
//! only) whenever its shape allows, so an open menu stays open across polls.

use std::sync::Mutex;

use nestore_tray_core::icon::{self, IconSpec};
use nestore_tray_core::presentation::TrayLook;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};

pub const TRAY_ID: &str = "nestore";
/// Drawn at the size most panels show; they scale it for other sizes.
const ICON_PX: u32 = 32;

/// A click in the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    Settings,
    Refresh,
    Start,
    Stop,
    Auto,
    Snooze1h,
    SnoozeTomorrow,
    Unsnooze,
    Quit,
}

const ACTIONS: [(&str, TrayAction); 10] = [
    ("open", TrayAction::Open),
    ("settings", TrayAction::Settings),
    ("refresh", TrayAction::Refresh),
    ("start", TrayAction::Start),
    ("stop", TrayAction::Stop),
    ("auto", TrayAction::Auto),
    ("snooze-1h", TrayAction::Snooze1h),
    ("snooze-tomorrow", TrayAction::SnoozeTomorrow),
    ("unsnooze", TrayAction::Unsnooze),
    ("quit", TrayAction::Quit),
];

/// What decides the menu's items (as opposed to their texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    lines: usize,
    control: bool,
    snoozed: bool,
}

impl Shape {
    fn of(look: &TrayLook) -> Shape {
        Shape {
            lines: look.lines.len(),
            control: look.control,
            snoozed: look.snoozed,
        }
    }
}

struct Built {
    shape: Shape,
    headers: Vec<MenuItem<Wry>>,
    /// The other items by id, for their texts to change with the language.
    items: Vec<(&'static str, MenuItem<Wry>)>,
}

/// Each item's id and text in the menu's order, the control items only with control,
/// Resume alerts or the two snoozes.
fn items(look: &TrayLook) -> Vec<(&'static str, &str)> {
    let l = &look.labels;
    let mut out = vec![("open", l.open.as_str()), ("refresh", l.refresh.as_str())];
    if look.control {
        out.extend([
            ("start", l.start.as_str()),
            ("stop", l.stop.as_str()),
            ("auto", l.auto.as_str()),
        ]);
    }
    if look.snoozed {
        out.push(("unsnooze", l.unsnooze.as_str()));
    } else {
        out.extend([
            ("snooze-1h", l.snooze_hour.as_str()),
            ("snooze-tomorrow", l.snooze_tomorrow.as_str()),
        ]);
    }
    out.extend([("settings", l.settings.as_str()), ("quit", l.quit.as_str())]);
    out
}

#[derive(Default)]
struct Drawn {
    look: Option<TrayLook>,
    menu: Option<Built>,
}

#[derive(Default)]
struct State(Mutex<Drawn>);

pub fn create(app: &AppHandle, on_action: fn(&AppHandle, TrayAction)) -> tauri::Result<()> {
    app.manage(State::default());
    let (blank, template) = image(IconSpec {
        soc_pct: None,
        look: icon::Look::Offline,
    });
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(blank)
        .icon_as_template(template)
        .tooltip("NEStore")
        .show_menu_on_left_click(true)
        .on_menu_event(move |app, event| {
            if let Some(&(_, action)) = ACTIONS.iter().find(|(id, _)| event.id().as_ref() == *id) {
                on_action(app, action);
            }
        })
        .build(app)?;
    Ok(())
}

/// The tray image for `spec`, and whether it is a template: on macOS a template (tinted by
/// the menu bar) except for warning and alarm; elsewhere the coloured icon.
fn image(spec: IconSpec) -> (Image<'static>, bool) {
    let (rgba, template) = if cfg!(target_os = "macos") {
        icon::menu_bar(spec, ICON_PX)
    } else {
        (icon::render(spec, ICON_PX), false)
    };
    (
        Image::new_owned(rgba.data, rgba.width, rgba.height),
        template,
    )
}

/// Shows `look`; touches only what changed.
pub fn draw(app: &AppHandle, look: &TrayLook) {
    let state = app.state::<State>();
    let mut drawn = state.0.lock().unwrap();
    if drawn.look.as_ref() == Some(look) {
        return;
    }
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let before = drawn.look.take();
    if before.as_ref().map(|b| b.icon) != Some(look.icon) {
        let (image, template) = image(look.icon);
        if let Err(e) = tray.set_icon_with_as_template(Some(image), template) {
            tracing::warn!("cannot set the tray icon: {e}");
        }
    }
    // The footprint script times the first charge shown from this line.
    tracing::info!(target: "nestore_tray::tray", look = ?look.icon.look, "tray shows {}", look.tooltip);
    let _ = tray.set_tooltip(Some(&look.tooltip));
    // macOS: the percentage as the menu bar item's title, beside the image.
    #[cfg(target_os = "macos")]
    let _ = tray.set_title(Some(icon::menu_bar_title(look.icon)));

    let shape = Shape::of(look);
    let in_place = match (&drawn.menu, &before) {
        (Some(built), Some(before)) if built.shape == shape => {
            update_texts(built, before, look).is_ok()
        }
        _ => false,
    };
    if !in_place {
        match build_menu(app, look) {
            Ok((menu, built)) => {
                if let Err(e) = tray.set_menu(Some(menu)) {
                    tracing::warn!("cannot set the tray menu: {e}");
                }
                drawn.menu = Some(built);
            }
            Err(e) => tracing::warn!("cannot build the tray menu: {e}"),
        }
    }
    drawn.look = Some(look.clone());
}

fn update_texts(built: &Built, before: &TrayLook, look: &TrayLook) -> tauri::Result<()> {
    for ((item, old), new) in built.headers.iter().zip(&before.lines).zip(&look.lines) {
        if old != new {
            item.set_text(new)?;
        }
    }
    if before.labels != look.labels {
        for ((id, item), (new_id, text)) in built.items.iter().zip(items(look)) {
            debug_assert_eq!(*id, new_id, "same shape, same items");
            item.set_text(text)?;
        }
    }
    Ok(())
}

fn build_menu(app: &AppHandle, look: &TrayLook) -> tauri::Result<(Menu<Wry>, Built)> {
    let menu = Menu::new(app)?;
    let item = |id: &str, text: &str, enabled: bool| {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    let separator = || PredefinedMenuItem::separator(app);
    // The readings first, as disabled lines: on Linux the menu is all a tray shows.
    let mut headers = Vec::new();
    for (i, line) in look.lines.iter().enumerate() {
        let header = item(&format!("header-{i}"), line, false)?;
        menu.append(&header)?;
        headers.push(header);
    }
    let mut built_items = Vec::new();
    for (id, text) in items(look) {
        // A separator before the readings' actions, the control group and the alerts.
        if matches!(id, "open" | "start" | "unsnooze" | "snooze-1h") {
            menu.append(&separator()?)?;
        }
        let it = item(id, text, true)?;
        menu.append(&it)?;
        built_items.push((id, it));
    }
    let built = Built {
        shape: Shape::of(look),
        headers,
        items: built_items,
    };
    Ok((menu, built))
}
