//! Writes the app icons and a tray-icon contact sheet into a directory:
//!
//! `cargo run -p nestore-tray-core --example make_icons -- OUTDIR`
//!
//! - `32x32.png`, `128x128.png`, `icon.png` (512): the static app icon.
//! - `tray-preview.png`: a light (#f0f0f0) panel above a dark (#202020) one; in each, one
//!   row per look (normal, charging, warning, alarm, offline) and one group per SOC
//!   (0, 7, 42, 63, 100, unknown), each group at 16, 22, 32 and 64 px.

use nestore_tray_core::icon::{self, IconSpec, Look, Rgba};
use tiny_skia::{Color, Pixmap, PixmapPaint, Transform};

const LOOKS: [Look; 5] = Look::ALL;
const SOCS: [Option<u8>; 6] = [Some(0), Some(7), Some(42), Some(63), Some(100), None];
const SIZES: [u32; 4] = [16, 22, 32, 64];
const GAP: u32 = 6;
const GROUP_GAP: u32 = 18;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: make_icons OUTDIR")?);
    std::fs::create_dir_all(&out)?;
    for (name, size) in [("32x32.png", 32), ("128x128.png", 128), ("icon.png", 512)] {
        to_pixmap(&icon::app_icon(size)).save_png(out.join(name))?;
    }

    let group_w: u32 = SIZES.iter().map(|s| s + GAP).sum::<u32>() + GROUP_GAP;
    let row_h = SIZES.iter().max().unwrap() + GAP;
    let panel_h = row_h * LOOKS.len() as u32 + GAP;
    let width = group_w * SOCS.len() as u32 + GAP;
    let mut sheet = Pixmap::new(width, panel_h * 2).ok_or("sheet size")?;
    for (panel, bg) in [[0xf0u8; 3], [0x20; 3]].into_iter().enumerate() {
        let top = panel as u32 * panel_h;
        let band = tiny_skia::Rect::from_xywh(0.0, top as f32, width as f32, panel_h as f32)
            .ok_or("band")?;
        let mut paint = tiny_skia::Paint::default();
        paint.set_color(Color::from_rgba8(bg[0], bg[1], bg[2], 255));
        sheet.fill_rect(band, &paint, Transform::identity(), None);
        for (row, &look) in LOOKS.iter().enumerate() {
            let y = top + GAP + row as u32 * row_h;
            let mut x = GAP;
            for &soc_pct in &SOCS {
                for &size in &SIZES {
                    let png = icon::render_png(IconSpec { soc_pct, look }, size);
                    let tile = Pixmap::decode_png(&png)?;
                    // Bottom-align so the sizes in a group sit on one baseline.
                    let ty = y + row_h - GAP - size;
                    sheet.draw_pixmap(
                        x as i32,
                        ty as i32,
                        tile.as_ref(),
                        &PixmapPaint::default(),
                        Transform::identity(),
                        None,
                    );
                    x += size + GAP;
                }
                x += GROUP_GAP;
            }
        }
    }
    sheet.save_png(out.join("tray-preview.png"))?;
    println!("wrote icons to {}", out.display());
    Ok(())
}

/// Straight RGBA (what the API returns) to tiny-skia's premultiplied pixmap.
fn to_pixmap(img: &Rgba) -> Pixmap {
    let mut pm = Pixmap::new(img.width, img.height).expect("non-empty image");
    for (dst, src) in pm.pixels_mut().iter_mut().zip(img.data.chunks_exact(4)) {
        *dst = tiny_skia::ColorU8::from_rgba(src[0], src[1], src[2], src[3]).premultiply();
    }
    pm
}
