//! The tray icon as pixels, and its look (the colour of its fill).

use std::collections::HashMap;

use super::Result;

/// An icon as 8-bit RGBA pixels.
#[derive(Debug, Clone)]
pub struct Icon {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    /// The file it was read from, or "IconPixmap".
    pub source: String,
}

/// The looks of the tray icon, by the colour of its fill (nestore-tray-core's icon.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tint {
    /// Teal: healthy.
    Normal,
    /// Orange: a warning is latched.
    Warning,
    /// Red: an alarm is latched.
    Alarm,
    /// Grey: offline, or the reading is stale.
    Offline,
}

impl Tint {
    pub const ALL: [Tint; 4] = [Tint::Normal, Tint::Warning, Tint::Alarm, Tint::Offline];

    pub fn rgb(self) -> [u8; 3] {
        match self {
            Tint::Normal => [0x14, 0xb8, 0xa6],
            Tint::Warning => [0xff, 0x82, 0x00],
            Tint::Alarm => [0xe8, 0x1c, 0x2e],
            Tint::Offline => [0x80, 0x84, 0x88],
        }
    }
}

impl Icon {
    /// How many opaque pixels are within a small distance of `rgb` (the renderer
    /// antialiases edges, so exact matches are the inner pixels of a colour area).
    pub fn count_near(&self, rgb: [u8; 3]) -> usize {
        self.rgba
            .chunks_exact(4)
            .filter(|p| p[3] >= 250 && p[..3].iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 12))
            .count()
    }

    /// The look colour that covers most of the icon, if any covers a tenth of it.
    pub fn tint(&self) -> Option<Tint> {
        let total = (self.width * self.height) as usize;
        Tint::ALL
            .into_iter()
            .map(|t| (t, self.count_near(t.rgb())))
            .filter(|&(_, n)| n * 10 >= total)
            .max_by_key(|&(_, n)| n)
            .map(|(t, _)| t)
    }

    /// The most frequent opaque colour, for messages.
    pub fn dominant(&self) -> Option<[u8; 3]> {
        let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
        for p in self.rgba.chunks_exact(4).filter(|p| p[3] >= 250) {
            *counts.entry([p[0], p[1], p[2]]).or_default() += 1;
        }
        counts.into_iter().max_by_key(|&(_, n)| n).map(|(c, _)| c)
    }
}

/// Decodes a PNG to 8-bit RGBA.
pub fn decode_png(bytes: &[u8]) -> Result<Icon> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        other => return Err(format!("unexpected PNG colour type {other:?}").into()),
    };
    Ok(Icon {
        width: info.width,
        height: info.height,
        rgba,
        source: String::new(),
    })
}
