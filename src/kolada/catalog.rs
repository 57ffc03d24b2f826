//! The catalogs Kolada serves besides values (KPIs, municipalities, municipality groups), by
//! the Swedish names `--bara` takes.

/// Which catalogs `kvalitet kolada hämta-metadata` fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Catalog {
    Kpis,
    Municipalities,
    Groups,
}

impl Catalog {
    pub const ALL: [Catalog; 3] = [Catalog::Kpis, Catalog::Municipalities, Catalog::Groups];

    /// The Swedish name used by `--bara`.
    pub fn name(self) -> &'static str {
        match self {
            Catalog::Kpis => "nyckeltal",
            Catalog::Municipalities => "kommuner",
            Catalog::Groups => "kommungrupper",
        }
    }
}
