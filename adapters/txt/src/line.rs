//! One record per line: `<crc32 as 8 hex digits> <json>\n`. The checksum covers the JSON,
//! so a torn or flipped line is detected; the rest stays readable and greppable.

/// Why a line could not be read back.
#[derive(Debug, PartialEq, Eq)]
pub enum LineError {
    /// The line has no terminating newline: a write was cut short.
    Torn,
    /// The checksum does not match, or the line is not `<crc> <json>`.
    Checksum,
}

/// Appends the encoded line for `json` to `out`.
pub fn encode(json: &[u8], out: &mut Vec<u8>) {
    let crc = crc32fast::hash(json);
    out.extend_from_slice(format!("{crc:08x} ").as_bytes());
    out.extend_from_slice(json);
    out.push(b'\n');
}

/// The JSON of one line (with its newline, if any) after checking it.
pub fn decode(line: &[u8]) -> Result<&[u8], LineError> {
    let Some(body) = line.strip_suffix(b"\n") else {
        return Err(LineError::Torn);
    };
    if body.len() < 9 || body[8] != b' ' {
        return Err(LineError::Checksum);
    }
    let crc = std::str::from_utf8(&body[..8])
        .ok()
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .ok_or(LineError::Checksum)?;
    let json = &body[9..];
    if crc32fast::hash(json) != crc {
        return Err(LineError::Checksum);
    }
    Ok(json)
}

/// Splits a buffer into lines, each with its starting offset; the last piece may lack a
/// newline.
pub fn lines(buf: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= buf.len() {
            return None;
        }
        let end = buf[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |i| start + i + 1);
        let item = (start, &buf[start..end]);
        start = end;
        Some(item)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_catches_damage() {
        let mut out = Vec::new();
        encode(br#"{"a":"\u4f60"}"#, &mut out);
        assert_eq!(decode(&out), Ok(&br#"{"a":"\u4f60"}"#[..]));
        assert_eq!(decode(&out[..out.len() - 1]), Err(LineError::Torn));
        let mut flipped = out.clone();
        flipped[12] ^= 0x01;
        assert_eq!(decode(&flipped), Err(LineError::Checksum));
        assert_eq!(decode(b"zz\n"), Err(LineError::Checksum));
        let two = [out.clone(), out.clone()].concat();
        assert_eq!(
            lines(&two).map(|(o, _)| o).collect::<Vec<_>>(),
            [0, out.len()]
        );
    }
}
