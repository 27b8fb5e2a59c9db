//! Which addresses a sweep may visit: an explicit subnet as given (at most a /24), or else
//! the computer's own private IPv4 subnets, each cut to the /24 around its own address.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::Ipv4Net;

use crate::error::Error;

pub use crate::error::MAX_PREFIX_LEN;

/// An explicit subnet, checked: larger than a /24 is refused.
pub fn check_subnet(net: Ipv4Net) -> Result<Ipv4Net, Error> {
    if net.prefix_len() < MAX_PREFIX_LEN {
        return Err(Error::SubnetTooLarge { subnet: net });
    }
    Ok(net.trunc())
}

/// A subnet as typed (a command-line `--subnet`): `a.b.c.d/n`, or one IPv4 address alone
/// (a /32). At most a /24; host bits are dropped (`192.168.1.7/24` is `192.168.1.0/24`).
pub fn parse_subnet(text: &str) -> Result<Ipv4Net, Error> {
    let text = text.trim();
    let net = text
        .parse::<Ipv4Net>()
        .or_else(|_| text.parse::<Ipv4Addr>().map(Ipv4Net::from))
        .map_err(|_| {
            Error::NotASubnet(
                text.chars()
                    .take(64)
                    .collect::<String>()
                    .escape_debug()
                    .to_string(),
            )
        })?;
    check_subnet(net)
}

/// True for the private ranges of RFC 1918: 10/8, 172.16/12, 192.168/16.
pub fn is_private(ip: Ipv4Addr) -> bool {
    ip.is_private()
}

/// The subnets a default sweep visits, from the computer's interface addresses (address
/// and prefix length): private addresses only (no loopback, link-local, CGNAT or public
/// ones), a subnet larger than a /24 cut to the /24 around the computer's own address,
/// point-to-point sized ones (/31, /32) skipped, duplicates dropped, in the order given.
pub fn own_subnets(interfaces: &[(Ipv4Addr, u8)]) -> Vec<Ipv4Net> {
    let mut out: Vec<Ipv4Net> = Vec::new();
    for &(ip, prefix) in interfaces {
        if !is_private(ip) || prefix > 30 {
            continue;
        }
        let Ok(net) = Ipv4Net::new(ip, prefix.max(MAX_PREFIX_LEN)) else {
            continue;
        };
        let net = net.trunc();
        if !out.contains(&net) {
            out.push(net);
        }
    }
    out
}

/// The computer's IPv4 interface addresses with their prefix lengths.
pub fn interface_addresses() -> Result<Vec<(Ipv4Addr, u8)>, Error> {
    let list = if_addrs::get_if_addrs().map_err(|e| Error::Interfaces(e.to_string()))?;
    Ok(list
        .into_iter()
        .filter_map(|i| match i.addr {
            if_addrs::IfAddr::V4(v4) => Some((v4.ip, v4.prefixlen)),
            if_addrs::IfAddr::V6(_) => None,
        })
        .collect())
}

/// Whether an address learned from a name or from mDNS may be probed: IPv4 on the local
/// network (private, link-local or loopback). A public answer (a DNS server that answers
/// every unknown name with its own page, say) is never contacted.
pub fn is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_private() || v4.is_link_local() || v4.is_loopback(),
        IpAddr::V6(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Ipv4Addr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<Ipv4Net> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn default_subnets_keep_private_ranges_only_cut_to_a_slash_24() {
        let interfaces = [
            (v4("127.0.0.1"), 8),      // loopback
            (v4("169.254.10.20"), 16), // link-local
            (v4("192.168.1.23"), 24),  // home Wi-Fi
            (v4("10.20.30.40"), 8),    // large: cut to the /24 around the address
            (v4("172.17.0.1"), 16),    // a container bridge, private
            (v4("172.32.0.5"), 24),    // just outside 172.16/12: public
            (v4("8.8.4.4"), 24),       // public
            (v4("100.64.1.2"), 10),    // carrier-grade NAT: not private
            (v4("192.168.1.99"), 24),  // a second address in the same /24
            (v4("192.168.7.9"), 28),   // smaller than a /24: as it is
            (v4("10.9.9.9"), 32),      // point-to-point: nothing else there
            (v4("172.31.255.254"), 12),
        ];
        assert_eq!(
            own_subnets(&interfaces),
            nets(&[
                "192.168.1.0/24",
                "10.20.30.0/24",
                "172.17.0.0/24",
                "192.168.7.0/28",
                "172.31.255.0/24",
            ])
        );
    }

    #[test]
    fn no_private_interface_means_no_sweep() {
        assert!(own_subnets(&[]).is_empty());
        assert!(own_subnets(&[(v4("127.0.0.1"), 8), (v4("203.0.113.5"), 24)]).is_empty());
    }

    #[test]
    fn explicit_subnets_up_to_a_slash_24_are_taken_as_given() {
        let net: Ipv4Net = "127.0.0.0/24".parse().unwrap();
        assert_eq!(check_subnet(net), Ok(net));
        // Host bits are dropped; a /32 is one address.
        assert_eq!(
            check_subnet("127.0.0.9/30".parse().unwrap()),
            Ok("127.0.0.8/30".parse().unwrap())
        );
        assert_eq!(
            check_subnet("127.0.0.9/32".parse().unwrap()),
            Ok("127.0.0.9/32".parse().unwrap())
        );
        let big: Ipv4Net = "127.0.0.0/23".parse().unwrap();
        assert_eq!(
            check_subnet(big),
            Err(Error::SubnetTooLarge { subnet: big })
        );
    }

    #[test]
    fn typed_subnets_are_parsed_and_checked() {
        assert_eq!(
            parse_subnet(" 192.168.1.7/24 "),
            Ok("192.168.1.0/24".parse().unwrap())
        );
        assert_eq!(
            parse_subnet("127.0.0.5"),
            Ok("127.0.0.5/32".parse().unwrap())
        );
        assert_eq!(
            parse_subnet("10.0.0.0/8"),
            Err(Error::SubnetTooLarge {
                subnet: "10.0.0.0/8".parse().unwrap()
            })
        );
        for bad in [
            "",
            "192.168.1.0/33",
            "fd00::/120",
            "nestore.home",
            "1.2.3.4/x",
        ] {
            assert!(
                matches!(parse_subnet(bad), Err(Error::NotASubnet(_))),
                "{bad}"
            );
        }
        assert_eq!(
            parse_subnet("a\nb").unwrap_err().to_string(),
            "\"a\\nb\" is not an IPv4 subnet (like 192.168.1.0/24)"
        );
    }

    #[test]
    fn names_and_mdns_answers_are_probed_on_the_local_network_only() {
        for ok in [
            "192.168.1.5",
            "10.0.0.1",
            "172.16.0.1",
            "169.254.3.4",
            "127.0.0.2",
        ] {
            assert!(is_local(ok.parse().unwrap()), "{ok}");
        }
        for no in ["8.8.8.8", "100.64.0.1", "172.32.0.1", "::1", "fe80::1"] {
            assert!(!is_local(no.parse().unwrap()), "{no}");
        }
    }
}
