//! The largest file orderlint reads (`--max-file-size`, `max-file-size` in
//! `orderlint.toml`): sizes as written and as shown.

/// The limit when neither the command line nor the configuration sets one:
/// 64 MiB, far above any request body, well below what a machine holds.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// The units a size may be written in, case-insensitively: bytes, powers
/// of 1000 and powers of 1024.
const UNITS: &[(&str, u64)] = &[
    ("", 1),
    ("b", 1),
    ("kb", 1_000),
    ("mb", 1_000_000),
    ("gb", 1_000_000_000),
    ("kib", 1 << 10),
    ("mib", 1 << 20),
    ("gib", 1 << 30),
];

/// Reads a size: a number of bytes (`67108864`), or a number and a unit
/// (`64MiB`, `64 MiB`, `500KB`; `KB`, `MB`, `GB` are powers of 1000, `KiB`,
/// `MiB`, `GiB` powers of 1024).
///
/// # Errors
/// The text in plain words when it is not a size, is 0 or does not fit in
/// 64 bits.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let unit = unit.trim_start().to_ascii_lowercase();
    let not_a_size =
        || format!("`{text}` is not a size: write bytes, or a number and a unit such as `64MiB`");
    let multiple = UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|&(_, multiple)| multiple)
        .ok_or_else(not_a_size)?;
    if number.is_empty() {
        return Err(not_a_size());
    }
    let bytes = number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiple))
        .ok_or_else(|| format!("`{text}` is too large a size"))?;
    if bytes == 0 {
        return Err("the size must be at least 1 byte".to_owned());
    }
    Ok(bytes)
}

/// A size in words: `200 MiB`, `512 bytes`, and where it is not a whole
/// number of KiB, MiB or GiB, the bytes with the rounded size:
/// `50000000 bytes (47.7 MiB)`.
#[must_use]
pub fn show_size(bytes: u64) -> String {
    const BINARY: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    if bytes == 1 {
        return "1 byte".to_owned();
    }
    let Some(&(unit, multiple)) = BINARY.iter().find(|&&(_, m)| bytes >= m) else {
        return format!("{bytes} bytes");
    };
    if bytes % multiple == 0 {
        return format!("{} {unit}", bytes / multiple);
    }
    // Only for display: an f64 is precise enough for one decimal.
    let rounded = bytes as f64 / multiple as f64;
    format!("{bytes} bytes ({rounded:.1} {unit})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_in_bytes_and_units() {
        assert_eq!(parse_size("67108864"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size(" 64 mib "), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("500KB"), Ok(500_000));
        assert_eq!(parse_size("2MB"), Ok(2_000_000));
        assert_eq!(parse_size("100B"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("1.5MiB").is_err());
        assert!(parse_size("64 MiBs").is_err());
        assert!(parse_size("99999999999GiB").is_err());
        assert_eq!(
            parse_size("64 megs"),
            Err(
                "`64 megs` is not a size: write bytes, or a number and a unit such as `64MiB`"
                    .to_owned()
            )
        );
    }

    #[test]
    fn sizes_are_shown_in_binary_units() {
        assert_eq!(show_size(64 << 20), "64 MiB");
        assert_eq!(show_size(200 << 20), "200 MiB");
        assert_eq!(show_size(3 << 30), "3 GiB");
        assert_eq!(show_size(1), "1 byte");
        assert_eq!(show_size(100), "100 bytes");
        assert_eq!(show_size(2048), "2 KiB");
        assert_eq!(show_size(50_000_000), "50000000 bytes (47.7 MiB)");
        assert_eq!(show_size((64 << 20) + 1), "67108865 bytes (64.0 MiB)");
    }
}
