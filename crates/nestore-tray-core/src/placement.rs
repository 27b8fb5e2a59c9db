//! Where the window goes: near the tray, inside the screen's work area (the screen less
//! its panels), never larger than it. Pure arithmetic in logical pixels.

pub const WIDTH: f64 = 380.0;
pub const HEIGHT: f64 = 640.0;
pub const MIN_WIDTH: f64 = 320.0;
pub const MIN_HEIGHT: f64 = 300.0;
/// Distance from the work area's edges.
pub const MARGIN: f64 = 12.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Where the tray usually is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Linux panels and the macOS menu bar.
    TopRight,
    /// The Windows taskbar.
    BottomRight,
}

/// Without a monitor to ask.
pub const FALLBACK: Placement = Placement {
    x: MARGIN,
    y: MARGIN,
    width: WIDTH,
    height: HEIGHT,
};

/// The window's place in a work area at (`ax`, `ay`) of `aw` x `ah` logical pixels.
pub fn fit(corner: Corner, ax: f64, ay: f64, aw: f64, ah: f64) -> Placement {
    let width = WIDTH.min(aw - 2.0 * MARGIN).max(MIN_WIDTH.min(aw));
    let height = HEIGHT.min(ah - 2.0 * MARGIN).max(MIN_HEIGHT.min(ah));
    let x = (ax + aw - width - MARGIN).max(ax);
    let y = if corner == Corner::BottomRight {
        (ay + ah - height - MARGIN).max(ay)
    } else {
        ay + MARGIN.min((ah - height).max(0.0))
    };
    Placement {
        x,
        y,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_fits_a_small_screen() {
        // 1024x600 with a 32 px panel at the top: the work area is 1024x568 at y=32.
        let p = fit(Corner::TopRight, 0.0, 32.0, 1024.0, 568.0);
        assert!(p.y >= 32.0 && p.y + p.height <= 600.0, "{p:?}");
        assert!(p.x + p.width <= 1024.0, "{p:?}");
        assert_eq!(p.width, WIDTH);
        let big = fit(Corner::TopRight, 0.0, 0.0, 1920.0, 1080.0);
        assert_eq!((big.width, big.height), (WIDTH, HEIGHT));
        assert_eq!(big.x, 1920.0 - WIDTH - MARGIN);
        let win = fit(Corner::BottomRight, 0.0, 0.0, 1024.0, 560.0);
        assert!(win.y + win.height <= 560.0, "{win:?}");
        let tiny = fit(Corner::TopRight, 0.0, 0.0, 300.0, 200.0);
        assert!(tiny.width <= 300.0 && tiny.height <= 200.0, "{tiny:?}");
    }

    fn at(x: f64, y: f64, width: f64, height: f64) -> Placement {
        Placement {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn the_window_sits_a_margin_from_the_tray_s_corner_of_the_work_area() {
        // A work area at (100, 32): the right edge is at 2020, the bottom at 1112.
        assert_eq!(
            fit(Corner::TopRight, 100.0, 32.0, 1920.0, 1080.0),
            at(2020.0 - WIDTH - MARGIN, 32.0 + MARGIN, WIDTH, HEIGHT)
        );
        assert_eq!(
            fit(Corner::BottomRight, 100.0, 32.0, 1920.0, 1080.0),
            at(
                2020.0 - WIDTH - MARGIN,
                1112.0 - HEIGHT - MARGIN,
                WIDTH,
                HEIGHT
            )
        );
    }

    #[test]
    fn a_short_work_area_shrinks_the_window_to_fit_within_the_margins() {
        // 568 px high: the window is 568 - 2 * 12 = 544 px high, 12 px below the top.
        let p = fit(Corner::TopRight, 0.0, 32.0, 1024.0, 568.0);
        assert_eq!(p, at(1024.0 - WIDTH - MARGIN, 44.0, WIDTH, 544.0));
        let p = fit(Corner::BottomRight, 0.0, 0.0, 1024.0, 568.0);
        assert_eq!(p, at(1024.0 - WIDTH - MARGIN, 12.0, WIDTH, 544.0));
        // Narrow: 2 * 12 px less than the area, but never below the minimum width.
        assert_eq!(fit(Corner::TopRight, 0.0, 0.0, 370.0, 900.0).width, 346.0);
        assert_eq!(
            fit(Corner::TopRight, 0.0, 0.0, 340.0, 900.0).width,
            MIN_WIDTH
        );
        assert_eq!(
            fit(Corner::TopRight, 0.0, 0.0, 900.0, 320.0).height,
            MIN_HEIGHT
        );
    }

    #[test]
    fn a_tiny_work_area_is_filled_from_its_corner_never_overflowed() {
        // Smaller than the minimum size: the window takes the whole area.
        for corner in [Corner::TopRight, Corner::BottomRight] {
            assert_eq!(
                fit(corner, 10.0, 20.0, 300.0, 200.0),
                at(10.0, 20.0, 300.0, 200.0),
                "{corner:?}"
            );
        }
        // Just taller than the minimum: the top margin shrinks to what is left.
        assert_eq!(fit(Corner::TopRight, 0.0, 0.0, 900.0, 305.0).y, 5.0);
    }
}
