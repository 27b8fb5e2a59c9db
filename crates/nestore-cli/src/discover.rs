//! `nestore discover`: finds NEStores on the network (`nestore-discover`), each printed as
//! soon as it is confirmed, then a summary; `--json` prints the hits once, as the library
//! serialises them (English keys).

use std::io::Write;
use std::time::Duration;

use clap::Args as ClapArgs;
use nestore_discover::{Discovery, Hit, Ipv4Net};
use nestore_i18n::{Args, Catalogue};

use crate::text::{cat, label, t};
use crate::{exit, Failure};

/// The options of `discover`. `port` and `timeout` have the ids of the global options:
/// here they are the subcommand's own (its default and bounds), which clap then does not
/// add to it a second time.
#[derive(ClapArgs)]
pub struct DiscoverArgs {
    /// The hits as one JSON array, English keys, once the search is over.
    #[arg(long)]
    json: bool,
    /// Sweep this subnet (at most a /24) instead of the usual ways; may be repeated.
    #[arg(long, value_name = "CIDR", value_parser = parse_subnet)]
    subnet: Vec<Ipv4Net>,
    /// The device port to look on (1-65535), as the global --port.
    #[arg(
        long,
        env = "NESTORE_PORT",
        default_value_t = nestore::DEFAULT_PORT,
        value_parser = crate::parse_port
    )]
    port: u16,
    /// How long the whole search may take (1 s to 60 s).
    #[arg(long, default_value = "3s", value_parser = parse_timeout)]
    timeout: Duration,
}

/// The bounds of `--timeout` here: long enough for a slow network, short enough to wait for.
const TIMEOUT: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(60));

fn parse_timeout(s: &str) -> Result<Duration, String> {
    crate::bounded_duration(s, TIMEOUT, "cli-parse-discover-timeout-range")
}

/// A subnet as typed, at most a /24 (the library's rule), in the catalogue's words.
fn parse_subnet(s: &str) -> Result<Ipv4Net, String> {
    nestore_discover::parse_subnet(s).map_err(|e| match e {
        nestore_discover::Error::SubnetTooLarge { .. } => t(
            "cli-parse-subnet-too-large",
            &Args::new().int("max", i64::from(nestore_discover::MAX_PREFIX_LEN)),
        ),
        _ => label("cli-parse-subnet"),
    })
}

/// What runs: with `--subnet`, those subnets and nothing else (no names, no mDNS);
/// without, what "Find my NEStore" runs (the names, mDNS, the computer's own subnets).
fn options(args: &DiscoverArgs) -> Discovery {
    let base = if args.subnet.is_empty() {
        Discovery::default()
    } else {
        Discovery {
            subnets: Some(args.subnet.clone()),
            names: Vec::new(),
            mdns: false,
            ..Discovery::default()
        }
    };
    Discovery {
        port: args.port,
        timeout: args.timeout,
        ..base
    }
}

/// One hit as a line: the address, the name if any, the API version, the state of charge.
fn line(cat: &Catalogue, hit: &Hit) -> String {
    let soc = match hit.soc_pct {
        Some(v) => cat.t("cli-discover-soc", &Args::new().percent("value", v)),
        None => cat.label("cli-discover-no-soc"),
    };
    let args = Args::new()
        .text("address", hit.address.to_string())
        .text("api", hit.api_version.to_string())
        .text("soc", soc);
    match &hit.name {
        Some(name) => cat.t("cli-discover-hit-named", &args.text("name", name.clone())),
        None => cat.t("cli-discover-hit", &args),
    }
}

pub async fn run(args: DiscoverArgs) -> Result<(), Failure> {
    // `nestore --timeout 2m discover` sets it through the global option, whose bounds
    // are wider: the same rule, and the same words, as `discover --timeout 2m`.
    let (min, max) = TIMEOUT;
    if args.timeout < min || args.timeout > max {
        let value = humantime::format_duration(args.timeout).to_string();
        let why = Args::new()
            .text("arg", "--timeout <TIMEOUT>")
            .text("value", value)
            .text("reason", label("cli-parse-discover-timeout-range"));
        return Err(Failure(exit::USAGE, t("cli-usage-invalid-value", &why)));
    }
    let opts = options(&args);
    let json = args.json;
    let mut hits = Vec::new();
    let summary = nestore_discover::discover(&opts, |hit| {
        if !json {
            // Each as soon as it is confirmed: a person sees it at once.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", line(cat(), &hit));
            let _ = out.flush();
        }
        hits.push(hit);
    })
    .await
    .map_err(|e| {
        let reason = Args::new().text("reason", e.to_string());
        Failure(exit::OTHER, t("cli-discover-failed", &reason))
    })?;
    if json {
        hits.sort_by_key(|h| h.address);
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).expect("hits serialise")
        );
    }
    let swept = i64::try_from(summary.swept).unwrap_or(i64::MAX);
    let search = if args.subnet.is_empty() {
        "usual"
    } else {
        "subnet"
    };
    let secs = Args::new()
        .int("swept", swept)
        .decimal("secs", opts.timeout.as_secs_f64(), 1)
        .text("search", search);
    if summary.hits == 0 {
        let id = if summary.complete {
            "cli-discover-none"
        } else {
            "cli-discover-none-cut-short"
        };
        return Err(Failure(exit::NOT_FOUND, t(id, &secs)));
    }
    if !json {
        let found = i64::try_from(summary.hits).unwrap_or(i64::MAX);
        let id = if summary.complete {
            "cli-discover-summary"
        } else {
            "cli-discover-summary-cut-short"
        };
        println!("{}", t(id, &secs.int("found", found)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use nestore_discover::{ApiVersion, FoundBy};
    use nestore_i18n::Language;

    use super::*;

    #[test]
    fn a_hit_line_names_what_is_known_in_each_language() {
        let named = Hit {
            address: "192.168.1.20:4805".parse().unwrap(),
            name: Some("nestore.home".into()),
            found_by: FoundBy::NameLookup,
            api_version: ApiVersion::V3,
            soc_pct: Some(62.6),
        };
        let bare = Hit {
            name: None,
            found_by: FoundBy::Sweep,
            api_version: ApiVersion::V1,
            soc_pct: None,
            ..named.clone()
        };
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        assert_eq!(
            line(en, &named),
            "192.168.1.20:4805 (nestore.home)  API v3  SOC 63 %"
        );
        assert_eq!(line(en, &bare), "192.168.1.20:4805  API v1  SOC —");
        assert_eq!(
            line(nl, &named),
            "192.168.1.20:4805 (nestore.home)  API v3  laadtoestand 63 %"
        );
        assert_eq!(line(nl, &bare), "192.168.1.20:4805  API v1  laadtoestand —");
    }

    #[test]
    fn a_subnet_is_taken_up_to_a_slash_24() {
        assert_eq!(
            parse_subnet("192.168.1.7/24"),
            Ok("192.168.1.0/24".parse().unwrap())
        );
        assert!(parse_subnet("10.0.0.0/8").is_err());
        assert!(parse_subnet("nestore.home").is_err());
    }
}
