//! Tests of reading the client's address behind trusted proxies.

use super::*;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn nets(s: &str) -> TrustedProxies {
    TrustedProxies::parse(s).unwrap()
}

const PEER: &str = "10.0.0.2";

#[test]
fn without_a_trusted_proxy_the_peer_is_the_client_whatever_the_header_says() {
    for trusted in [TrustedProxies::default(), nets(""), nets("0"), nets("192.168.0.0/16")] {
        assert_eq!(
            client_address(&["203.0.113.7"], ip(PEER), &trusted),
            ip(PEER),
            "{trusted:?}"
        );
        assert_eq!(client_address(&[], ip(PEER), &trusted), ip(PEER));
    }
}

#[test]
fn with_one_trusted_proxy_the_entry_it_appended_is_the_client() {
    for trusted in [nets("1"), nets("10.0.0.2/32"), nets("10.0.0.0/8")] {
        let header = ["203.0.113.7"];
        assert_eq!(client_address(&header, ip(PEER), &trusted), ip("203.0.113.7"));
    }
}

#[test]
fn spoofed_leftmost_entries_are_ignored() {
    let forged = ["1.2.3.4, 198.51.100.9", "203.0.113.7"];
    assert_eq!(client_address(&forged, ip(PEER), &nets("1")), ip("203.0.113.7"));
    assert_eq!(
        client_address(&forged, ip(PEER), &nets("10.0.0.0/8")),
        ip("203.0.113.7")
    );
    let in_one = ["1.2.3.4,198.51.100.9,203.0.113.7"];
    assert_eq!(client_address(&in_one, ip(PEER), &nets("1")), ip("203.0.113.7"));
}

#[test]
fn with_two_trusted_proxies_the_walk_goes_one_hop_further() {
    // client 203.0.113.7 → balancer 10.1.0.5 → proxy 10.0.0.2 → Avrop.
    let header = ["6.6.6.6, 203.0.113.7, 10.1.0.5"];
    assert_eq!(client_address(&header, ip(PEER), &nets("2")), ip("203.0.113.7"));
    assert_eq!(
        client_address(&header, ip(PEER), &nets("10.0.0.2/32, 10.1.0.0/16")),
        ip("203.0.113.7")
    );
    // A client inside a trusted network is still skipped, as a proxy.
    assert_eq!(
        client_address(&header, ip(PEER), &nets("10.0.0.0/8")),
        ip("203.0.113.7")
    );
    // One proxy trusted: the balancer's own address is the client.
    assert_eq!(client_address(&header, ip(PEER), &nets("1")), ip("10.1.0.5"));
}

#[test]
fn when_every_hop_is_trusted_the_leftmost_is_the_client() {
    assert_eq!(client_address(&["10.1.0.5"], ip(PEER), &nets("3")), ip("10.1.0.5"));
    assert_eq!(client_address(&[], ip(PEER), &nets("1")), ip(PEER));
    assert_eq!(
        client_address(&["10.9.9.9"], ip(PEER), &nets("10.0.0.0/8")),
        ip("10.9.9.9")
    );
}

#[test]
fn an_entry_that_is_not_an_address_stops_at_the_proxy_that_passed_it_on() {
    for bad in ["unknown", "=cmd|' /C calc'!A0", "", "evil.example", "1.2.3"] {
        let header = [format!("203.0.113.7, {bad}")];
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        assert_eq!(client_address(&header, ip(PEER), &nets("2")), ip(PEER), "{bad:?}");
        assert_eq!(client_address(&header, ip(PEER), &nets("1")), ip(PEER), "{bad:?}");
    }
}

#[test]
fn ports_and_ipv4_in_ipv6_are_read_as_the_address() {
    assert_eq!(
        client_address(&["203.0.113.7:4711"], ip(PEER), &nets("1")),
        ip("203.0.113.7")
    );
    assert_eq!(
        client_address(&["[2001:db8::1]:443"], ip(PEER), &nets("1")),
        ip("2001:db8::1")
    );
    assert_eq!(
        client_address(&["203.0.113.7"], ip("::ffff:10.0.0.2"), &nets("10.0.0.0/8")),
        ip("203.0.113.7")
    );
}

#[test]
fn the_setting_reads_a_count_or_networks_and_names_a_bad_entry() {
    assert_eq!(nets(" 2 "), TrustedProxies::Count(2));
    assert_eq!(
        nets("10.0.0.0/8,192.168.1.10"),
        TrustedProxies::Networks(vec!["10.0.0.0/8".parse().unwrap(), "192.168.1.10/32".parse().unwrap()])
    );
    assert!(nets("0").is_none() && !nets("1").is_none());
    let err = TrustedProxies::parse("10.0.0.0/8, lastbalanserare").unwrap_err();
    assert!(err.contains("lastbalanserare"), "{err}");
    assert!(TrustedProxies::parse("300").is_err());
}
