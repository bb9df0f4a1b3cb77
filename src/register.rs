//! The official registers, embedded from `dictionaries/`: Sweden's 290 municipalities with their
//! SCB codes and counties, and the 21 regions.

use std::sync::LazyLock;

static MUNICIPALITIES_TSV: &str = include_str!("../dictionaries/municipalities.tsv");
static REGIONS_TSV: &str = include_str!("../dictionaries/regions.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Four-digit SCB municipality code, as text ("0114").
    pub code: String,
    pub name: String,
    /// Two-digit county code ("01").
    pub county_code: String,
    pub county: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub county_code: String,
    pub name: String,
    pub county: String,
}

#[derive(Debug)]
pub struct Register {
    /// In Swedish alphabetical order of name.
    pub municipalities: Vec<Municipality>,
    pub regions: Vec<Region>,
}

impl Register {
    /// The registers embedded in the binary.
    pub fn embedded() -> &'static Register {
        static REGISTER: LazyLock<Register> =
            LazyLock::new(|| Register::parse(MUNICIPALITIES_TSV, REGIONS_TSV));
        &REGISTER
    }

    /// Parses the two TSV files (header line first). Malformed lines are skipped: the embedded
    /// files are checked by tests.
    pub fn parse(municipalities_tsv: &str, regions_tsv: &str) -> Register {
        let mut municipalities: Vec<Municipality> = municipalities_tsv
            .lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 4).then(|| Municipality {
                    code: c[0].into(),
                    name: c[1].into(),
                    county_code: c[2].into(),
                    county: c[3].into(),
                })
            })
            .collect();
        municipalities.sort_by_key(|m| crate::swedish::collation_key(&m.name));
        let regions = regions_tsv
            .lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 3).then(|| Region {
                    county_code: c[0].into(),
                    name: c[1].into(),
                    county: c[2].into(),
                })
            })
            .collect();
        Register {
            municipalities,
            regions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_registers_are_complete() {
        let r = Register::embedded();
        assert_eq!(r.municipalities.len(), 290);
        assert_eq!(r.regions.len(), 21);
        let ale = r.municipalities.iter().find(|m| m.name == "Ale").unwrap();
        assert_eq!(
            (ale.code.as_str(), ale.county.as_str()),
            ("1440", "Västra Götalands län")
        );
        assert_eq!(r.municipalities.first().unwrap().name, "Ale");
        assert_eq!(r.municipalities.last().unwrap().name, "Övertorneå");
    }
}
