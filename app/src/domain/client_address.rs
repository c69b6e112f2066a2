//! The client's address behind load balancers: which hop of
//! `X-Forwarded-For` to believe.
//!
//! Every proxy appends the address it received the request from, so the
//! list read from the right is a chain of hops, each written by the one
//! after it, with the TCP peer last. Only the entries our own proxies wrote
//! can be trusted; anything further left the client may have written
//! itself. The client's address is therefore the first hop from the right
//! that is not one of our proxies.

use ipnet::IpNet;
use std::net::IpAddr;

/// Which hops in front of Avrop are its own proxies (`AVROP_TRUSTED_PROXIES`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustedProxies {
    /// This many hops, counted from the TCP peer (the peer is the first).
    /// `0`: no proxy, the peer is the client.
    Count(u8),
    /// Hops whose address lies in one of these networks.
    Networks(Vec<IpNet>),
}

impl Default for TrustedProxies {
    fn default() -> Self {
        TrustedProxies::Count(0)
    }
}

impl TrustedProxies {
    /// `""` or `0` (no proxy), a count such as `1`, or a comma-separated
    /// list of networks or addresses (`10.0.0.0/8, 192.168.1.10`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(TrustedProxies::Count(0));
        }
        if text.chars().all(|c| c.is_ascii_digit()) {
            return text
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= 16)
                .map(TrustedProxies::Count)
                .ok_or_else(|| format!("{text} hops: give at most 16"));
        }
        text.split(',')
            .map(str::trim)
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is neither a count nor a network such as 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies::Networks)
    }

    /// Whether no proxy is trusted (the TCP peer is the client).
    pub fn is_none(&self) -> bool {
        matches!(self, TrustedProxies::Count(0)) || matches!(self, TrustedProxies::Networks(n) if n.is_empty())
    }

    fn trusts(&self, hop: IpAddr, position: usize) -> bool {
        match self {
            TrustedProxies::Count(n) => position < usize::from(*n),
            TrustedProxies::Networks(nets) => nets.iter().any(|net| net.contains(&hop)),
        }
    }
}

/// The client's address, given the `X-Forwarded-For` header values in the
/// order received (several headers count as one list) and the TCP peer.
///
/// Walks from the peer leftwards while the hop is a trusted proxy; the
/// first hop that is not is the client. When every hop is trusted, the
/// leftmost is the client. An entry that is not an IP address (`unknown`,
/// garbage, an obfuscated name) stops the walk: the address is then the
/// trusted proxy that passed it on, the last hop we can vouch for, so that
/// no client can write its way to a fresh or made-up address.
pub fn client_address(forwarded_for: &[&str], peer: IpAddr, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    let mut hops = forwarded_for.iter().rev().flat_map(|value| value.rsplit(','));
    let mut current = peer;
    let mut position = 0;
    while trusted.trusts(current, position) {
        let Some(entry) = hops.next() else {
            // Every hop is a proxy: the leftmost one is as far as we can see.
            return current;
        };
        match parse_hop(entry) {
            Some(next) => current = next,
            None => return current,
        }
        position += 1;
    }
    current
}

/// One `X-Forwarded-For` entry: an address, with or without a port.
fn parse_hop(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests;
