//! The app's own files, read safely: never blocking on a FIFO or a device put in a file's
//! place, never reading more than a bound, and a file that cannot be used is kept beside
//! under a name of its own (never replacing another).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use nestore_i18n::{Args, Catalogue};

/// Why a file could not be read. The words complete "The file was not used because …".
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it does not exist")]
    NotFound,
    #[error("it is not a regular file but {0}")]
    NotRegular(&'static str),
    #[error("it is too large ({}; at most {} are read)", size(*len), size(*max))]
    TooLarge { len: u64, max: u64 },
    #[error("it could not be read ({0})")]
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

impl ReadError {
    /// Why the file was not used, in the catalogue's language, as the rest of a sentence
    /// ("it is too large (2.0 MiB; at most 1.0 MiB are read)"); `Display` is the English
    /// for logs.
    pub fn message(&self, cat: &Catalogue) -> String {
        match self {
            ReadError::NotFound => cat.label("file-why-not-found"),
            ReadError::NotRegular(kind) => {
                let id = match *kind {
                    "a directory" => "file-kind-directory",
                    "a named pipe (FIFO)" => "file-kind-fifo",
                    "a device" => "file-kind-device",
                    "a socket" => "file-kind-socket",
                    _ => "file-kind-other",
                };
                cat.t(
                    "file-why-not-regular",
                    &Args::new().text("kind", cat.label(id)),
                )
            }
            ReadError::TooLarge { len, max } => cat.t(
                "file-why-too-large",
                &Args::new()
                    .text("size", size_in(cat, *len))
                    .text("max", size_in(cat, *max)),
            ),
            ReadError::Io(e) => cat.t(
                "file-why-unreadable",
                &Args::new().text("reason", e.to_string()),
            ),
        }
    }
}

/// A byte count in the catalogue's language: "812 bytes", "1,0 MiB".
pub fn size_in(cat: &Catalogue, n: u64) -> String {
    const MIB: u64 = 1 << 20;
    const KIB: u64 = 1 << 10;
    let (id, v) = if n >= MIB {
        ("file-size-mib", n as f64 / MIB as f64)
    } else if n >= KIB {
        ("file-size-kib", n as f64 / KIB as f64)
    } else {
        ("file-size-bytes", n as f64)
    };
    cat.t(id, &Args::new().decimal("size", v, 1))
}

/// A byte count in the owner's words: "812 bytes", "1.0 MiB".
pub fn size(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    const KIB: u64 = 1 << 10;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= KIB {
        format!("{:.1} KiB", n as f64 / KIB as f64)
    } else {
        format!("{n} bytes")
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "something else"
}

/// Opens `path` with `opts` only if it is a regular file (a symbolic link to one is fine).
/// On unix the open itself cannot block (`O_NONBLOCK`, `O_NOCTTY`: a FIFO or a terminal in
/// the file's place neither waits for a writer nor becomes the controlling terminal); on
/// other platforms the kind is checked before opening. Either way the opened file is
/// checked again, so nothing but a regular file is ever read or written.
pub fn open_regular(path: &Path, opts: &mut OpenOptions) -> Result<File, ReadError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    #[cfg(not(unix))]
    {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => return Err(ReadError::NotRegular(kind_of(&m))),
            _ => {}
        }
    }
    let file = match opts.open(path) {
        Ok(f) => f,
        // A FIFO opened for writing without a reader fails (ENXIO), a directory opened
        // for writing too (EISDIR): say what is there rather than the system's words.
        Err(e) => {
            return Err(match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => ReadError::NotRegular(kind_of(&m)),
                _ => e.into(),
            })
        }
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    Ok(file)
}

/// The whole of a regular file of at most `max` bytes.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, OpenOptions::new().read(true))?;
    let len = file.metadata()?.len();
    if len > max {
        return Err(ReadError::TooLarge { len, max });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // One byte more than allowed tells a file that grew since from one that did not.
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// The end of a file of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    /// Whole lines only (the first byte is the start of a line).
    pub bytes: Vec<u8>,
    /// Bytes before `bytes` that were not read (0: the whole file was read).
    pub skipped: u64,
}

/// At most the last `max` bytes of a regular file, starting at a line boundary: a line cut
/// by the bound is left out whole.
pub fn read_tail(path: &Path, max: u64) -> Result<Tail, ReadError> {
    let mut file = open_regular(path, OpenOptions::new().read(true))?;
    let len = file.metadata()?.len();
    let start = len.saturating_sub(max);
    if start == 0 {
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(max).read_to_end(&mut bytes)?;
        return Ok(Tail { bytes, skipped: 0 });
    }
    // From the byte before the tail: if it ends a line, the tail starts with a whole one.
    file.seek(SeekFrom::Start(start - 1))?;
    let mut bytes = Vec::with_capacity(max as usize + 1);
    file.take(max + 1).read_to_end(&mut bytes)?;
    let cut = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| i + 1);
    bytes.drain(..cut);
    Ok(Tail {
        bytes,
        skipped: start - 1 + cut as u64,
    })
}

/// Keeps the file at `path` beside it as `{name}.{tag}-{stamp}` (`-2`, `-3`, … when that
/// name is taken; an existing file is never replaced), byte for byte, and returns the new
/// name. With `free_name` the original name is freed (the file is moved); without, it
/// stays where it is too.
pub fn set_aside(path: &Path, tag: &str, free_name: bool) -> io::Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    set_aside_stamped(path, tag, &stamp, free_name)
}

fn set_aside_stamped(path: &Path, tag: &str, stamp: &str, free_name: bool) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    let candidates = (1..=1000u32).map(|n| {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        path.with_file_name(format!("{name}.{tag}-{stamp}{suffix}"))
    });
    let mut link_error = None;
    for candidate in candidates.clone() {
        // A hard link is the file itself under a second name, and linking never replaces
        // an existing name: it fails with AlreadyExists instead.
        match std::fs::hard_link(path, &candidate) {
            Ok(()) => {
                if free_name {
                    std::fs::remove_file(path)?;
                }
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                link_error = Some(e);
                break;
            }
        }
    }
    if matches!(&link_error, Some(e) if e.kind() == io::ErrorKind::NotFound) {
        return Err(link_error.expect("matched"));
    }
    // A file system without hard links (FAT, some network shares).
    for candidate in candidates {
        if free_name {
            match std::fs::symlink_metadata(&candidate) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    std::fs::rename(path, &candidate)?;
                    return Ok(candidate);
                }
                _ => continue,
            }
        }
        let mut copy = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let mut original = open_regular(path, OpenOptions::new().read(true))
            .map_err(|e| io::Error::other(e.to_string()))?;
        io::copy(&mut original, &mut copy)?;
        copy.sync_all()?;
        return Ok(candidate);
    }
    Err(link_error.unwrap_or_else(|| io::Error::other("no free name to keep the file beside")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_read_refuses_a_file_above_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_bounded(&p, 10).unwrap(), b"0123456789");
        let e = read_bounded(&p, 9).unwrap_err();
        assert!(
            matches!(e, ReadError::TooLarge { len: 10, max: 9 }),
            "{e:?}"
        );
        assert!(e.to_string().contains("too large"), "{e}");
        assert!(matches!(
            read_bounded(&dir.path().join("none"), 9),
            Err(ReadError::NotFound)
        ));
        assert!(matches!(
            read_bounded(dir.path(), 9),
            Err(ReadError::NotRegular("a directory"))
        ));
    }

    #[test]
    fn a_tail_starts_at_a_line_and_holds_at_most_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"aaaa\nbbbb\ncccc\n").unwrap();
        // The whole file fits.
        let t = read_tail(&p, 100).unwrap();
        assert_eq!(
            (t.bytes.as_slice(), t.skipped),
            (&b"aaaa\nbbbb\ncccc\n"[..], 0)
        );
        // The bound falls inside "bbbb": that line is left out whole.
        let t = read_tail(&p, 8).unwrap();
        assert_eq!((t.bytes.as_slice(), t.skipped), (&b"cccc\n"[..], 10));
        // The bound falls exactly on a line start: that line is kept.
        let t = read_tail(&p, 10).unwrap();
        assert_eq!((t.bytes.as_slice(), t.skipped), (&b"bbbb\ncccc\n"[..], 5));
        // A large (sparse) file: only the bound is read.
        let big = dir.path().join("big");
        let f = File::create(&big).unwrap();
        f.set_len(64 << 20).unwrap();
        drop(f);
        let mut f = OpenOptions::new().append(true).open(&big).unwrap();
        io::Write::write_all(&mut f, b"\nlast line\n").unwrap();
        let t = read_tail(&big, 1 << 20).unwrap();
        assert!(t.bytes.len() <= 1 << 20);
        assert_eq!(t.bytes, b"last line\n");
        assert_eq!(t.skipped, std::fs::metadata(&big).unwrap().len() - 10);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_opened_for_reading_or_writing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fifo");
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_bounded(&p, 100).unwrap_err();
        assert!(
            matches!(e, ReadError::NotRegular("a named pipe (FIFO)")),
            "{e:?}"
        );
        let e = read_tail(&p, 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular(_)), "{e:?}");
        let e = open_regular(&p, OpenOptions::new().append(true).create(true)).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular(_)), "{e:?}");
    }

    #[test]
    fn set_aside_never_replaces_a_file_kept_before() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("settings.json");
        let mut kept = Vec::new();
        for (i, free) in [(0, true), (1, false), (2, true)] {
            // A new file each time: the one kept without freeing its name is the same
            // file as `p`, which an in-place write would change.
            let _ = std::fs::remove_file(&p);
            std::fs::write(&p, format!("version {i}")).unwrap();
            let aside = set_aside_stamped(&p, "corrupt", "20260101-000000", free).unwrap();
            assert_eq!(p.exists(), !free);
            kept.push(aside);
        }
        let names: Vec<_> = kept
            .iter()
            .map(|k| k.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "settings.json.corrupt-20260101-000000",
                "settings.json.corrupt-20260101-000000-2",
                "settings.json.corrupt-20260101-000000-3"
            ]
        );
        for (i, k) in kept.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(k).unwrap(), format!("version {i}"));
        }
        assert!(matches!(
            set_aside(&dir.path().join("none"), "corrupt", true),
            Err(e) if e.kind() == io::ErrorKind::NotFound
        ));
    }

    #[test]
    fn sizes_read_in_the_owner_s_units() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(1024), "1.0 KiB");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(1 << 20), "1.0 MiB");
        assert_eq!(size(5 << 19), "2.5 MiB");
        let en = Catalogue::get(nestore_i18n::Language::English);
        let nl = Catalogue::get(nestore_i18n::Language::Dutch);
        for n in [0, 1023, 1024, 1536, 1 << 20, 5 << 19] {
            assert_eq!(size_in(en, n), size(n));
        }
        assert_eq!(size_in(nl, 5 << 19), "2,5 MiB");
        assert_eq!(size_in(nl, 1 << 20), "1,0 MiB");
    }

    #[test]
    fn why_a_file_was_not_used_reads_in_each_language() {
        let en = Catalogue::get(nestore_i18n::Language::English);
        let nl = Catalogue::get(nestore_i18n::Language::Dutch);
        for e in [
            ReadError::NotFound,
            ReadError::NotRegular("a directory"),
            ReadError::NotRegular("a named pipe (FIFO)"),
            ReadError::NotRegular("a device"),
            ReadError::NotRegular("a socket"),
            ReadError::NotRegular("something else"),
            ReadError::TooLarge {
                len: 3 << 20,
                max: 1 << 20,
            },
        ] {
            assert_eq!(e.message(en), e.to_string());
            assert_ne!(e.message(nl), e.to_string());
        }
        let e = ReadError::TooLarge {
            len: 3 << 20,
            max: 1 << 20,
        };
        assert_eq!(
            e.message(nl),
            "het te groot is (3,0 MiB; er wordt hoogstens 1,0 MiB gelezen)"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_longer_than_its_size_says_is_still_bounded() {
        // Files under /proc report a size of 0 but hold more: only the bound is read, and
        // the file is refused rather than cut short.
        let e = read_bounded(Path::new("/proc/self/status"), 100).unwrap_err();
        assert!(
            matches!(e, ReadError::TooLarge { len: 101, max: 100 }),
            "{e:?}"
        );
        assert!(!read_bounded(Path::new("/proc/self/status"), 1 << 20)
            .unwrap()
            .is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_socket_is_named_for_what_it_is() {
        let e = read_bounded(Path::new("/dev/null"), 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular("a device")), "{e:?}");
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        let e = read_bounded(&sock, 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular("a socket")), "{e:?}");
        assert_eq!(
            e.to_string(),
            "it is not a regular file but a socket",
            "completes \"The file was not used because …\""
        );
    }

    #[test]
    fn a_regular_file_that_cannot_be_opened_gives_the_system_s_reason() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"x").unwrap();
        let e = open_regular(&p, OpenOptions::new().write(true).create_new(true)).unwrap_err();
        assert!(
            matches!(&e, ReadError::Io(io) if io.kind() == io::ErrorKind::AlreadyExists),
            "{e:?}"
        );
    }

    #[test]
    fn a_directory_in_a_file_s_place_is_moved_aside_whole() {
        // A directory cannot be hard-linked: it is renamed instead, under the same name.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("settings.json");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("inside"), b"kept").unwrap();
        let aside = set_aside_stamped(&p, "unusable", "20260101-000000", true).unwrap();
        assert_eq!(
            aside.file_name().unwrap(),
            "settings.json.unusable-20260101-000000"
        );
        assert!(!p.exists());
        assert_eq!(std::fs::read(aside.join("inside")).unwrap(), b"kept");
    }
}
