//! Company names that read like a real CRM: a distinctive word, a line of
//! business and sometimes a legal form ("Bluefin Logistics GmbH").
//!
//! Names repeat in large portfolios, as they do in real CRMs; the customer id
//! is what is unique. No name contains a comma or quote, but the CSV writer
//! quotes anyway, so the lists can grow without care.

use rand::Rng;

const DISTINCTIVE: &[&str] = &[
    "Northwind",
    "Bluefin",
    "Crescent",
    "Summit",
    "Ironwood",
    "Silverline",
    "Harbor",
    "Redwood",
    "Brightpath",
    "Cobalt",
    "Evergreen",
    "Falcon",
    "Granite",
    "Juniper",
    "Keystone",
    "Lighthouse",
    "Meridian",
    "Nimbus",
    "Orchid",
    "Pinnacle",
    "Quarry",
    "Riverbend",
    "Sapphire",
    "Tidewater",
    "Upland",
    "Vantage",
    "Westbrook",
    "Yellowstone",
    "Zenith",
    "Alpenglow",
    "Bergmann",
    "Castellan",
    "Driftwood",
    "Elbe",
    "Fjord",
    "Greenfield",
    "Hollis",
    "Ingram",
    "Kestrel",
    "Lindqvist",
    "Mosaic",
    "Nordhavn",
    "Oakridge",
    "Pioneer",
    "Rheinland",
    "Sterling",
    "Tessera",
    "Arcadia",
    "Beacon",
    "Copperleaf",
    "Delta",
    "Ember",
    "Foxglove",
    "Halcyon",
    "Larkspur",
    "Marlowe",
    "Osprey",
    "Prairie",
    "Solstice",
    "Wayfarer",
];

const BUSINESS: &[&str] = &[
    "Analytics",
    "Logistics",
    "Health",
    "Foods",
    "Robotics",
    "Capital",
    "Energy",
    "Labs",
    "Systems",
    "Retail",
    "Insurance",
    "Freight",
    "Biotech",
    "Media",
    "Software",
    "Manufacturing",
    "Pharma",
    "Consulting",
    "Telecom",
    "Mobility",
    "Outdoor",
    "Publishing",
    "Security",
    "Clinics",
    "Markets",
    "Data",
    "Engineering",
    "Travel",
    "Apparel",
    "Logic",
    "Partners",
    "Works",
];

/// Legal forms, weighted by repetition: most names carry none.
const LEGAL_FORM: &[&str] = &[
    "", "", "", "", "", " Inc.", " Inc.", " LLC", " Ltd", " GmbH", " AG", " S.A.", " B.V.",
    " Group", " & Co.",
];

/// A company name drawn from the word lists.
pub fn company_name(rng: &mut impl Rng) -> String {
    let a = DISTINCTIVE[rng.random_range(0..DISTINCTIVE.len())];
    let b = BUSINESS[rng.random_range(0..BUSINESS.len())];
    let c = LEGAL_FORM[rng.random_range(0..LEGAL_FORM.len())];
    let mut name = String::with_capacity(a.len() + b.len() + c.len() + 1);
    name.push_str(a);
    name.push(' ');
    name.push_str(b);
    name.push_str(c);
    name
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn names_are_two_words_and_an_optional_legal_form() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..200 {
            let name = company_name(&mut rng);
            let mut words = name.split(' ');
            assert!(DISTINCTIVE.contains(&words.next().unwrap()), "{name}");
            assert!(BUSINESS.contains(&words.next().unwrap()), "{name}");
            assert!(!name.contains(',') && !name.contains('"'), "{name}");
        }
    }
}
