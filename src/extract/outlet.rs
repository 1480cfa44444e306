//! Outlets: one canonical name per publisher, from the article's URL domain or from the outlet
//! name the input gives, looked up in the table of common outlets (`data/lexicon/outlets.tsv`),
//! so that "The Guardian", "Guardian" and "www.theguardian.com" count as one outlet.

use rustc_hash::FxHashMap;

/// The outlets table: canonical names, by domain and by name.
#[derive(Debug, Default)]
pub struct OutletTable {
    names: Vec<String>,
    by_domain: FxHashMap<String, usize>,
    by_name: FxHashMap<String, usize>,
}

/// An article's outlet as the tables give it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outlet {
    /// The canonical name: the table's, else the name as given, else the domain.
    pub outlet: Option<String>,
    /// The domain, without "www.": from the URL, else from an outlet given as a domain.
    pub domain: Option<String>,
}

/// The key two names of one outlet share: letters and digits only, lowercased, without a
/// leading "the" ("The Guardian" and "guardian" match).
fn name_key(name: &str) -> String {
    let lowered = name.trim().to_lowercase();
    let rest = lowered.strip_prefix("the ").unwrap_or(&lowered);
    rest.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The host of a URL or a bare domain, lowercased, without "www." and a port; `None` when it
/// does not look like a domain.
pub fn domain_of(url_or_host: &str) -> Option<String> {
    let s = url_or_host.trim();
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let host = s.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()));
    valid.then_some(host)
}

impl OutletTable {
    /// Reads `name<TAB>domains<TAB>aliases` rows (lists comma-separated; `#` lines are comments).
    pub fn parse(text: &str) -> OutletTable {
        let mut table = OutletTable::default();
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let Some(name) = fields.next().map(str::trim).filter(|n| !n.is_empty()) else {
                continue;
            };
            let i = table.names.len();
            table.names.push(name.to_string());
            table.by_name.entry(name_key(name)).or_insert(i);
            for domain in fields.next().unwrap_or("").split(',').filter_map(domain_of) {
                table.by_domain.entry(domain).or_insert(i);
            }
            for alias in fields
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                table.by_name.entry(name_key(alias)).or_insert(i);
            }
        }
        table
    }

    /// The table's name for a domain or any domain it is under ("edition.cnn.com": CNN).
    fn by_domain(&self, domain: &str) -> Option<&str> {
        let mut d = domain;
        loop {
            if let Some(&i) = self.by_domain.get(d) {
                return Some(&self.names[i]);
            }
            let (_, parent) = d.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            d = parent;
        }
    }

    /// The outlet of an article whose input gives the outlet `raw` and the URL `url`.
    pub fn resolve(&self, raw: Option<&str>, url: Option<&str>) -> Outlet {
        let raw = raw.map(str::trim).filter(|r| !r.is_empty());
        let raw_domain = raw.filter(|r| !r.contains(char::is_whitespace)).and_then(domain_of);
        let domain = url.and_then(domain_of).or(raw_domain.clone());
        let known = domain
            .as_deref()
            .and_then(|d| self.by_domain(d))
            .or_else(|| {
                raw.and_then(|r| self.by_name.get(&name_key(r)))
                    .map(|&i| self.names[i].as_str())
            })
            .or_else(|| raw_domain.as_deref().and_then(|d| self.by_domain(d)));
        let outlet = match (known, raw, &raw_domain) {
            (Some(name), _, _) => Some(name.to_string()),
            (None, Some(_), Some(d)) => Some(d.clone()),
            (None, Some(r), None) => Some(r.to_string()),
            (None, None, _) => domain.clone(),
        };
        Outlet { outlet, domain }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> OutletTable {
        OutletTable::parse(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/lexicon/outlets.tsv"
        )))
    }

    #[test]
    fn one_publisher_whatever_form_the_input_gives() {
        let t = table();
        let guardian = Some("The Guardian".to_string());
        assert_eq!(t.resolve(Some("The Guardian"), None).outlet, guardian);
        assert_eq!(t.resolve(Some("guardian"), None).outlet, guardian);
        assert_eq!(t.resolve(Some("www.theguardian.com"), None).outlet, guardian);
        let from_url = t.resolve(None, Some("https://www.theguardian.com/politics/2022/may/26/x"));
        assert_eq!(from_url.outlet, guardian);
        assert_eq!(from_url.domain.as_deref(), Some("theguardian.com"));
        assert_eq!(
            t.resolve(Some("VentureBeat"), None).outlet,
            t.resolve(Some("venturebeat.com"), None).outlet
        );
        assert_eq!(
            t.resolve(None, Some("https://edition.cnn.com/2022/x"))
                .outlet
                .as_deref(),
            Some("CNN")
        );
    }

    #[test]
    fn unknown_outlets_keep_their_name_or_domain() {
        let t = table();
        let named = t.resolve(Some("Grimsby Gazette"), Some("https://grimsbygazette.example.org/a"));
        assert_eq!(named.outlet.as_deref(), Some("Grimsby Gazette"));
        assert_eq!(named.domain.as_deref(), Some("grimsbygazette.example.org"));
        assert_eq!(
            t.resolve(None, Some("http://www.hullnews.example:8080/x"))
                .outlet
                .as_deref(),
            Some("hullnews.example")
        );
        assert_eq!(t.resolve(None, None), Outlet::default());
        assert_eq!(t.resolve(Some("  "), Some("not a url")), Outlet::default());
    }

    #[test]
    fn domains_are_hosts_without_www_or_port() {
        assert_eq!(domain_of("https://WWW.BBC.co.uk/news").as_deref(), Some("bbc.co.uk"));
        assert_eq!(domain_of("apnews.com").as_deref(), Some("apnews.com"));
        assert_eq!(domain_of("The Guardian"), None);
        assert_eq!(domain_of("1.2.3.4"), None);
    }
}
