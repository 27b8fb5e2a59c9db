//! Tray and application icons, drawn at run time with tiny-skia from the latest reading.
//!
//! The tray icon is a dark, rounded "tank" with a thin rim, filled from the bottom to the
//! state of charge in a colour that says the look, with the SOC digits on top. There is
//! no font: digits come from a 3×5 pixel-grid glyph set scaled by whole pixels, which
//! stays crisp and legible down to 16 px where anti-aliased text would turn to mush.

use tiny_skia::{Color, FillRule, Mask, Paint, Path, PathBuilder, Pixmap, Rect, Transform};

/// How the icon looks, from the reading's state (most urgent wins, chosen by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Look {
    /// Teal fill, light rim.
    Normal,
    /// Yellow fill, light rim, a lightning bolt.
    Charging,
    /// Orange fill and orange rim.
    Warning,
    /// Red fill, red rim and a red body tint.
    Alarm,
    /// Grey and dimmed: the last reading is stale or the device is unreachable.
    Offline,
}

impl Look {
    pub const ALL: [Look; 5] = [
        Look::Normal,
        Look::Charging,
        Look::Warning,
        Look::Alarm,
        Look::Offline,
    ];
}

/// What to draw: the state of charge (`None` = unknown, drawn as "-", or "?" when offline)
/// and the look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IconSpec {
    pub soc_pct: Option<u8>,
    pub look: Look,
}

/// Straight (non-premultiplied) RGBA8, row-major, as `tauri::image::Image::new_owned` wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// Renders the tray icon as a `size`×`size` image (`size` is clamped to 16..=1024).
pub fn render(spec: IconSpec, size: u32) -> Rgba {
    to_rgba(&draw(spec, size))
}

/// Renders the tray icon as PNG bytes.
pub fn render_png(spec: IconSpec, size: u32) -> Vec<u8> {
    draw(spec, size)
        .encode_png()
        .expect("encoding an in-memory PNG cannot fail")
}

/// The image for a menu bar that wants *template* images (macOS): black and clear, tinted
/// by the system for a light or dark menu bar. Normal, charging and offline are a template
/// (a tank outline filled to the state of charge, a bolt cut out when charging, dimmed when
/// offline; no digits, the percentage is the item's title beside it); warning and alarm keep
/// the coloured icon, so the owner sees orange or red there too. `true`: it is a template.
pub fn menu_bar(spec: IconSpec, size: u32) -> (Rgba, bool) {
    match spec.look {
        Look::Warning | Look::Alarm => (render(spec, size), false),
        Look::Normal | Look::Charging | Look::Offline => {
            (to_rgba(&draw_template(spec, size)), true)
        }
    }
}

/// The menu bar item's title beside the image (macOS): the state of charge alone, "63 %";
/// "–" while it is unknown.
pub fn menu_bar_title(spec: IconSpec) -> String {
    match spec.soc_pct {
        Some(p) => format!("{} %", p.min(100)),
        None => "\u{2013}".to_string(),
    }
}

fn draw_template(spec: IconSpec, size: u32) -> Pixmap {
    const BLACK: [u8; 3] = [0, 0, 0];
    let size = size.clamp(16, 1024);
    let s = size as f32;
    let mut pm = Pixmap::new(size, size).expect("size is non-zero");
    // A tank narrower than it is tall, like the app icon's, with a whole-pixel outline.
    let rim = (s / 16.0).round().max(1.0);
    let (l, t, r, b) = ((s * 0.22).round(), rim, (s * 0.78).round(), s - rim);
    let radius = ((r - l) * 0.3).max(2.0);
    let mut ring = PathBuilder::new();
    ring.push_path(&rounded_rect(l, t, r, b, radius));
    ring.push_path(&rounded_rect(
        l + rim,
        t + rim,
        r - rim,
        b - rim,
        radius - rim,
    ));
    let ring = ring.finish().expect("ring has area");
    pm.fill_path(
        &ring,
        &paint(BLACK),
        FillRule::EvenOdd,
        Transform::identity(),
        None,
    );
    // The water, a pixel clear of the outline; whole pixels, never none above 0 %.
    let gap = rim * 2.0;
    let water = rounded_rect(l + gap, t + gap, r - gap, b - gap, (radius - gap).max(0.0));
    let height = b - t - 2.0 * gap;
    let soc = spec.soc_pct.map(|p| p.min(100));
    let depth = match soc {
        Some(p) if p > 0 && spec.look != Look::Offline => {
            (height * f32::from(p) / 100.0).round().max(1.0)
        }
        _ => 0.0,
    };
    if depth > 0.0 {
        let level = b - gap - depth;
        fill_level_path(&mut pm, &water, &rect_path(0.0, level, s, s), BLACK);
    }
    if spec.look == Look::Charging {
        // The bolt flips what is under it: clear over the water, black over the empty part.
        let u = (r - l) / 14.0;
        let bolt = bolt_path((l + r) / 2.0 - 5.0 * u, (t + b) / 2.0 - 7.0 * u, u);
        let mut xor = paint(BLACK);
        xor.blend_mode = tiny_skia::BlendMode::Xor;
        pm.fill_path(&bolt, &xor, FillRule::Winding, Transform::identity(), None);
    }
    if spec.look == Look::Offline {
        // Dimmed: the outline alone at half strength.
        for p in pm.pixels_mut() {
            let a = p.alpha() / 2;
            *p = tiny_skia::PremultipliedColorU8::from_rgba(0, 0, 0, a)
                .expect("black is premultiplied");
        }
    }
    pm
}

/// The static application icon (window, bundle): a tank on a pedestal, 70 % full, no digits.
pub fn app_icon(size: u32) -> Rgba {
    to_rgba(&draw_app_icon(size))
}

/// The application icon as PNG bytes (for notification servers, which want a file).
pub fn app_icon_png(size: u32) -> Vec<u8> {
    draw_app_icon(size)
        .encode_png()
        .expect("encoding an in-memory PNG cannot fail")
}

fn draw_app_icon(size: u32) -> Pixmap {
    let size = size.clamp(16, 1024);
    let s = size as f32;
    let mut pm = Pixmap::new(size, size).expect("size is non-zero");
    // Inset so the icon has the breathing room launchers expect around a shape.
    let (l, t, r, b) = (s * 0.18, s * 0.10, s * 0.82, s * 0.90);
    let rim = (s / 32.0).max(1.0);
    let radius = (r - l) * 0.32;
    let outer = rounded_rect(l, t, r, b, radius);
    fill_path(&mut pm, &outer, RIM, None);
    let inner = rounded_rect(l + rim, t + rim, r - rim, b - rim, radius - rim);
    let level = b - rim - (b - t - 2.0 * rim) * 0.70;
    fill_level_path(&mut pm, &inner, &rect_path(l, t, r, level), BODY);
    fill_level(&mut pm, &inner, level, fill_of(Look::Normal));
    // A lighter band at the surface reads as water, and as "hot" with the warm top cap.
    let band = rect_path(l, level, r, level + (s * 0.035).max(1.0));
    fill_level_path(&mut pm, &inner, &band, [0x7f, 0xe6, 0xd6]);
    let cap = rounded_rect(s * 0.40, t - s * 0.05, s * 0.60, t + rim, s * 0.02);
    fill_path(&mut pm, &cap, [0xff, 0x8a, 0x3d], None);
    pm
}

// Colours. The body is dark so the icon reads on light panels; the light rim and the
// saturated fill make it read on dark ones.
const BODY: [u8; 3] = [0x1c, 0x22, 0x27];
const RIM: [u8; 3] = [0xe4, 0xe8, 0xea];
const INK: [u8; 3] = [0xff, 0xff, 0xff];
const INK_DARK: [u8; 3] = [0x0b, 0x0e, 0x11];

fn fill_of(look: Look) -> [u8; 3] {
    match look {
        Look::Normal => [0x14, 0xb8, 0xa6],
        Look::Charging => [0xff, 0xd0, 0x1f],
        Look::Warning => [0xff, 0x82, 0x00],
        Look::Alarm => [0xe8, 0x1c, 0x2e],
        Look::Offline => [0x80, 0x84, 0x88],
    }
}

/// Rim, body and digit colours per look: warning and alarm recolour the rim so the state
/// shows even where digits cover the fill; offline dims everything.
fn chrome_of(look: Look) -> ([u8; 3], [u8; 3], [u8; 3]) {
    match look {
        Look::Warning => (fill_of(look), BODY, INK),
        Look::Alarm => (fill_of(look), [0x3a, 0x10, 0x14], INK),
        Look::Offline => ([0x8c, 0x90, 0x94], [0x2a, 0x2c, 0x2e], [0xb8, 0xbc, 0xc0]),
        Look::Normal | Look::Charging => (RIM, BODY, INK),
    }
}

fn draw(spec: IconSpec, size: u32) -> Pixmap {
    let size = size.clamp(16, 1024);
    let s = size as f32;
    let mut pm = Pixmap::new(size, size).expect("size is non-zero");
    let (rim_c, body_c, ink_c) = chrome_of(spec.look);
    // Whole-pixel rim so it stays one crisp line at 16 px; a radius of at least 3.5 px
    // keeps the corner pixels fully transparent, which is what makes it look rounded.
    let rim = (s / 16.0).round().max(1.0);
    let radius = (s * 0.22).max(3.5);
    fill_path(&mut pm, &rounded_rect(0.0, 0.0, s, s, radius), rim_c, None);
    let inner = rounded_rect(rim, rim, s - rim, s - rim, radius - rim);
    let soc = spec.soc_pct.map(|p| p.min(100));
    // Whole pixels again, but never round a non-empty tank down to nothing.
    let depth = match soc {
        Some(p) if p > 0 => ((s - 2.0 * rim) * f32::from(p) / 100.0).round().max(1.0),
        _ => 0.0,
    };
    // Body above the level and water below, each clipped to the inside, so no body colour
    // bleeds through the anti-aliased edge between the water and a same-coloured rim.
    let level = s - rim - depth;
    fill_level_path(&mut pm, &inner, &rect_path(0.0, 0.0, s, level), body_c);
    if depth > 0.0 {
        fill_level(&mut pm, &inner, level, fill_of(spec.look));
    }
    // The bolt needs room above the digits, which only icons of 28 px and up have;
    // below that the yellow fill under a light rim carries "charging" alone.
    let drop = if spec.look == Look::Charging && s >= 28.0 {
        draw_bolt(&mut pm, s);
        s * 0.13
    } else {
        0.0
    };
    let text = match (soc, spec.look) {
        (Some(p), _) => p.to_string(),
        (None, Look::Offline) => "?".to_string(),
        (None, _) => "-".to_string(),
    };
    draw_text(&mut pm, &text, (s, rim, drop, level), ink_c);
    pm
}

/// A lightning bolt centred at the top, above the (dropped) digits, dark-edged so it
/// shows over a full tank. Drawn on a 10×14 grid scaled to the icon.
fn draw_bolt(pm: &mut Pixmap, s: f32) {
    let u = s * 0.017;
    let bolt = bolt_path(s / 2.0 - 5.0 * u, s * 0.07, u);
    let stroke = tiny_skia::Stroke {
        width: (2.0 * u).max(1.0),
        line_join: tiny_skia::LineJoin::Round,
        ..Default::default()
    };
    pm.stroke_path(&bolt, &paint(BODY), &stroke, Transform::identity(), None);
    fill_path(pm, &bolt, [0xff, 0xf4, 0xb0], None);
}

/// The lightning bolt on a 10×14 grid of `u`-sized units, its top left at (`x`, `y`).
fn bolt_path(x: f32, y: f32, u: f32) -> Path {
    let pts = [
        (6.5, 0.0),
        (0.5, 8.0),
        (4.5, 8.0),
        (3.0, 14.0),
        (9.5, 5.5),
        (5.5, 5.5),
        (8.0, 0.0),
    ];
    let mut pb = PathBuilder::new();
    for (i, &(px, py)) in pts.iter().enumerate() {
        let (px, py) = (x + px * u, y + py * u);
        if i == 0 {
            pb.move_to(px, py);
        } else {
            pb.line_to(px, py);
        }
    }
    pb.close();
    pb.finish().expect("bolt has area")
}

/// 3×5 glyphs ('#' = lit). '1' is two columns wide so "100" loses less size next to two
/// digits; '6' and '9' lose a corner so they don't read as '8' at 16 px.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#", "##", ".#", ".#", ".#"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", ".##", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => [".##", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", "..#", "..#"],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "##."],
        '-' => ["...", "...", "###", "...", "..."],
        _ => ["###", "..#", ".##", "...", ".#."], // '?'
    }
}

/// Draws `text` centred, scaled by whole pixels (cells may be taller than wide when that
/// buys height), `drop` px below centre. Like a progress bar's label, it is `ink` over the
/// dark body and near-black over the water: that needs no outline, so the digits can be
/// bigger and the water stays visible around their thin strokes.
fn draw_text(pm: &mut Pixmap, text: &str, layout: (f32, f32, f32, f32), ink: [u8; 3]) {
    let (s, rim, drop, level) = layout;
    let glyphs: Vec<_> = text.chars().map(glyph).collect();
    let units_w = glyphs.iter().map(|g| g[0].len() + 1).sum::<usize>() as f32 - 1.0;
    // Small icons give the digits nearly everything; big ones keep the tank in view.
    // Sizing as if there were at least two digits keeps "7" as big as "42", not bigger.
    let (avail_w, avail_h) = if s <= 24.0 {
        (s - 2.0 * rim, s - 2.0 * rim)
    } else {
        (s * 0.72, s * 0.5)
    };
    let kx = (avail_w / units_w.max(7.0)).floor().max(1.0);
    let ky = (avail_h / 5.0).floor().min((kx * 1.5).ceil()).max(1.0);
    let x0 = ((s - units_w * kx) / 2.0).round();
    let y0 = ((s - 5.0 * ky) / 2.0 + drop).round();

    let mut pb = PathBuilder::new();
    let mut gx = x0;
    for g in &glyphs {
        for (row, line) in g.iter().enumerate() {
            for (col, _) in line.chars().enumerate().filter(|&(_, c)| c == '#') {
                let (x, y) = (gx + col as f32 * kx, y0 + row as f32 * ky);
                pb.push_rect(Rect::from_xywh(x, y, kx, ky).expect("cell has area"));
            }
        }
        gx += (g[0].len() as f32 + 1.0) * kx;
    }
    let Some(path) = pb.finish() else { return };
    for (top, bottom, color) in [(0.0, level, ink), (level, s, INK_DARK)] {
        if bottom > top {
            let mut clip = Mask::new(pm.width(), pm.height()).expect("size is non-zero");
            let band = rect_path(0.0, top, s, bottom);
            clip.fill_path(&band, FillRule::Winding, false, Transform::identity());
            fill_path(pm, &path, color, Some(&clip));
        }
    }
}

/// Fills the part of `inner` below `top` (the water) with `color`.
fn fill_level(pm: &mut Pixmap, inner: &Path, top: f32, color: [u8; 3]) {
    let (w, h) = (pm.width() as f32, pm.height() as f32);
    fill_level_path(pm, inner, &rect_path(0.0, top, w, h), color);
}

/// Fills `shape` clipped to `inner`, so the water follows the tank's rounded bottom.
fn fill_level_path(pm: &mut Pixmap, inner: &Path, shape: &Path, color: [u8; 3]) {
    let mut clip = Mask::new(pm.width(), pm.height()).expect("size is non-zero");
    clip.fill_path(inner, FillRule::Winding, true, Transform::identity());
    fill_path(pm, shape, color, Some(&clip));
}

fn fill_path(pm: &mut Pixmap, path: &Path, color: [u8; 3], clip: Option<&Mask>) {
    pm.fill_path(
        path,
        &paint(color),
        FillRule::Winding,
        Transform::identity(),
        clip,
    );
}

fn paint(color: [u8; 3]) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(Color::from_rgba8(color[0], color[1], color[2], 255));
    p.anti_alias = true;
    p
}

fn rect_path(l: f32, t: f32, r: f32, b: f32) -> Path {
    PathBuilder::from_rect(Rect::from_ltrb(l, t, r, b).expect("non-empty rect"))
}

/// A rounded rectangle from cubic quarter-circles (tiny-skia has no builder for one).
fn rounded_rect(l: f32, t: f32, r: f32, b: f32, radius: f32) -> Path {
    let rad = radius.min((r - l) / 2.0).min((b - t) / 2.0).max(0.0);
    let k = rad * (1.0 - 0.552_284_8); // control-point offset for a circular arc
    let mut pb = PathBuilder::new();
    pb.move_to(l + rad, t);
    pb.line_to(r - rad, t);
    pb.cubic_to(r - k, t, r, t + k, r, t + rad);
    pb.line_to(r, b - rad);
    pb.cubic_to(r, b - k, r - k, b, r - rad, b);
    pb.line_to(l + rad, b);
    pb.cubic_to(l + k, b, l, b - k, l, b - rad);
    pb.line_to(l, t + rad);
    pb.cubic_to(l, t + k, l + k, t, l + rad, t);
    pb.close();
    pb.finish().expect("rounded rect has area")
}

fn to_rgba(pm: &Pixmap) -> Rgba {
    let data = pm
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Rgba {
        width: pm.width(),
        height: pm.height(),
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOKS: [Look; 5] = Look::ALL;

    fn spec(soc: u8, look: Look) -> IconSpec {
        IconSpec {
            soc_pct: Some(soc),
            look,
        }
    }

    fn px(img: &Rgba, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * img.width + x) * 4) as usize;
        img.data[i..i + 4].try_into().unwrap()
    }

    fn count_colour(img: &Rgba, rgb: [u8; 3]) -> usize {
        img.data
            .chunks_exact(4)
            .filter(|p| p[3] == 255 && p[..3] == rgb)
            .count()
    }

    /// Like `count_colour`, inside the rim and out of the rounded corners only (warning
    /// and alarm rims share the fill's colour).
    fn count_inside(img: &Rgba, rgb: [u8; 3]) -> usize {
        let w = img.width;
        let rim = (w as f32 / 16.0).round().max(1.0) as u32;
        let r = (w as f32 * 0.22).max(3.5).ceil() as u32;
        let edge = |v: u32| v < r || v >= w - r;
        let inside = |x, y| !(edge(x) && edge(y));
        let cells = (rim..w - rim).flat_map(|y| (rim..w - rim).map(move |x| (x, y)));
        cells
            .filter(|&(x, y)| inside(x, y) && px(img, x, y) == [rgb[0], rgb[1], rgb[2], 255])
            .count()
    }

    /// The most frequent opaque colour other than the digits', which for a full tank is
    /// the water.
    fn dominant(img: &Rgba) -> [u8; 3] {
        let mut counts = std::collections::HashMap::new();
        let opaque = img.data.chunks_exact(4).filter(|p| p[3] == 255);
        for p in opaque.filter(|p| p[..3] != INK && p[..3] != INK_DARK) {
            *counts.entry([p[0], p[1], p[2]]).or_insert(0) += 1;
        }
        counts.into_iter().max_by_key(|&(_, n)| n).unwrap().0
    }

    #[test]
    fn the_menu_bar_template_is_black_filled_to_the_charge_and_alarms_keep_colour() {
        let alpha = |img: &Rgba, x: u32, y: u32| px(img, x, y)[3];
        for look in [Look::Normal, Look::Charging, Look::Offline] {
            let (img, template) = menu_bar(spec(50, look), 32);
            assert!(template, "{look:?} is a template");
            assert!(
                img.data.chunks(4).all(|p| p[..3] == [0, 0, 0]),
                "{look:?}: black and clear only"
            );
        }
        // The outline is there; the water follows the charge (middle column, low and high).
        let (low, _) = menu_bar(spec(20, Look::Normal), 32);
        let (full, _) = menu_bar(spec(100, Look::Normal), 32);
        assert_eq!(
            alpha(&low, 16, 0) + alpha(&low, 16, 31),
            0,
            "clear above and below"
        );
        assert_eq!(alpha(&low, 16, 2), 255, "the top of the outline");
        assert_eq!(alpha(&low, 16, 24), 255, "20 %: water at the bottom");
        assert_eq!(alpha(&low, 16, 10), 0, "20 %: none near the top");
        assert_eq!(alpha(&full, 16, 10), 255, "100 %: water near the top");
        let count = |img: &Rgba| img.data.chunks(4).filter(|p| p[3] > 127).count();
        assert!(count(&full) > count(&low));
        // Charging: the bolt is cut out of a full tank.
        let (bolt, _) = menu_bar(spec(100, Look::Charging), 32);
        assert!(count(&bolt) < count(&full), "the bolt shows over the water");
        // Offline: dimmed, no water.
        let (off, _) = menu_bar(spec(100, Look::Offline), 32);
        assert!(off.data.chunks(4).all(|p| p[3] <= 128), "dimmed");
        // Warning and alarm stay the coloured icon.
        for look in [Look::Warning, Look::Alarm] {
            let (img, template) = menu_bar(spec(50, look), 32);
            assert!(!template);
            assert_eq!(img, render(spec(50, look), 32));
        }
        assert_eq!(menu_bar_title(spec(63, Look::Normal)), "63 %");
        assert_eq!(
            menu_bar_title(IconSpec {
                soc_pct: None,
                look: Look::Offline
            }),
            "\u{2013}"
        );
    }

    #[test]
    fn sizes_and_transparent_corners() {
        for size in [16, 22, 24, 32, 64, 256, 1024] {
            for look in LOOKS {
                for img in [render(spec(57, look), size), app_icon(size)] {
                    assert_eq!((img.width, img.height), (size, size));
                    assert_eq!(img.data.len(), (size * size * 4) as usize);
                    let m = size - 1;
                    for (x, y) in [(0, 0), (m, 0), (0, m), (m, m)] {
                        assert_eq!(px(&img, x, y)[3], 0, "corner {x},{y} at {size} px");
                    }
                }
                // The middle of a tray icon is opaque: it must hide the panel behind it.
                let img = render(spec(57, look), size);
                assert_eq!(px(&img, size / 2, size / 2)[3], 255);
            }
        }
    }

    #[test]
    fn out_of_range_input_is_clamped() {
        assert_eq!(render(spec(50, Look::Normal), 4).width, 16);
        assert_eq!(render(spec(50, Look::Normal), 5000).width, 1024);
        // SOC above 100 draws as 100 rather than overflowing the tank.
        assert_eq!(
            render(spec(250, Look::Normal), 32),
            render(spec(100, Look::Normal), 32)
        );
    }

    #[test]
    fn level_grows_with_soc() {
        for size in [16, 22, 32, 64] {
            for look in LOOKS {
                // Digits turn dark where they cross the water, so they count as water.
                let water = |p| {
                    let img = render(spec(p, look), size);
                    count_inside(&img, fill_of(look)) + count_inside(&img, INK_DARK)
                };
                let counts: Vec<_> = [0, 25, 50, 75, 100].into_iter().map(water).collect();
                assert_eq!(
                    counts[0], 0,
                    "{look:?} at {size} px: empty tank has no water"
                );
                assert!(
                    counts.windows(2).all(|w| w[0] < w[1]),
                    "{look:?} at {size} px: {counts:?}"
                );
            }
        }
        // Unknown SOC draws an empty tank.
        let unknown = IconSpec {
            soc_pct: None,
            look: Look::Normal,
        };
        assert_eq!(count_colour(&render(unknown, 32), fill_of(Look::Normal)), 0);
    }

    #[test]
    fn looks_are_distinct_and_offline_is_grey() {
        for size in [16, 32] {
            let doms: Vec<_> = LOOKS
                .iter()
                .map(|&l| dominant(&render(spec(100, l), size)))
                .collect();
            for (i, a) in doms.iter().enumerate() {
                assert_eq!(*a, fill_of(LOOKS[i]), "{:?} at {size} px", LOOKS[i]);
                for b in &doms[i + 1..] {
                    let dist: u32 = a.iter().zip(b).map(|(&x, &y)| x.abs_diff(y) as u32).sum();
                    assert!(dist > 60, "{a:?} vs {b:?}");
                }
            }
            let [r, g, b] = doms[4];
            let (max, min) = (r.max(g).max(b), r.min(g).min(b));
            assert!(
                f32::from(max - min) / f32::from(max) < 0.15,
                "offline {:?}",
                doms[4]
            );
        }
        // Even an empty tank tells the looks apart (rim, body or bolt differ).
        let empty: Vec<_> = LOOKS.iter().map(|&l| render(spec(0, l), 32)).collect();
        for (i, a) in empty.iter().enumerate() {
            assert!(empty[i + 1..].iter().all(|b| a != b));
        }
    }

    #[test]
    fn digits_change_the_image() {
        let look = Look::Normal;
        for size in [16, 22, 32] {
            let imgs: Vec<_> = [18, 81, 100]
                .iter()
                .map(|&p| render(spec(p, look), size))
                .collect();
            assert_ne!(imgs[0], imgs[1], "18 vs 81 at {size} px");
            assert_ne!(imgs[1], imgs[2], "81 vs 100 at {size} px");
            assert_ne!(imgs[0], imgs[2], "18 vs 100 at {size} px");
        }
        // 63 and 68 share a level at 16 px (both round to 9 px of water): only the
        // digits can tell them apart.
        let (a, b) = (render(spec(63, look), 16), render(spec(68, look), 16));
        assert_eq!(
            count_colour(&a, fill_of(look)) > 0,
            count_colour(&b, fill_of(look)) > 0
        );
        assert_ne!(a, b);
        // Every known SOC puts digits on the icon, "100" at 16 px included.
        for p in [0, 7, 63, 100] {
            let img = render(spec(p, look), 16);
            let ink = count_colour(&img, INK) + count_colour(&img, INK_DARK);
            assert!(ink >= 10, "{p}: {ink}");
        }
        let unknown = |look| IconSpec {
            soc_pct: None,
            look,
        };
        assert_ne!(
            render(unknown(Look::Normal), 16),
            render(spec(0, Look::Normal), 16)
        );
        assert_ne!(
            render(unknown(Look::Offline), 16),
            render(spec(0, Look::Offline), 16)
        );
    }

    #[test]
    fn png_round_trips() {
        for size in [16, 22, 64] {
            let s = spec(42, Look::Charging);
            let png = render_png(s, size);
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            assert_eq!(&png[12..16], b"IHDR");
            assert_eq!(png[16..20], size.to_be_bytes());
            assert_eq!(png[20..24], size.to_be_bytes());
            let decoded = to_rgba(&Pixmap::decode_png(&png).unwrap());
            let img = render(s, size);
            assert_eq!((decoded.width, decoded.height), (size, size));
            // Opaque pixels match exactly; anti-aliased edges may differ by rounding when
            // PNG's straight alpha is premultiplied again on decode.
            for (d, r) in decoded.data.chunks_exact(4).zip(img.data.chunks_exact(4)) {
                assert_eq!(d[3], r[3]);
                let tol = if r[3] == 255 { 0 } else { 8 };
                if r[3] > 0 {
                    assert!(
                        d.iter().zip(r).all(|(&x, &y)| x.abs_diff(y) <= tol),
                        "{d:?} {r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn look_serialises_snake_case() {
        assert_eq!(
            serde_json::to_string(&Look::Offline).unwrap(),
            "\"offline\""
        );
    }
}
