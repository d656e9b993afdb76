//! Making a variant's bytes from its original's: decode, turn upright, scale (and crop),
//! encode in the original's format. Pure: bytes in, bytes out; the pipeline reads the
//! original and keeps the result in the cache.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::variant::Spec;

/// Bumped whenever the same original and spec would give other bytes (another filter or
/// encoder setting), so cached variants made the old way are not reused.
pub const VERSION: u32 = 1;

/// The variant `spec` of an image whose file is `bytes`, in the format `ext` names, and
/// JPEG `quality` (1–100). The error says in plain words why the file could not be read.
pub fn resize(bytes: &[u8], ext: &str, spec: Spec, quality: u8) -> Result<Vec<u8>, String> {
    let format = match ext.to_ascii_lowercase().as_str() {
        "png" => ImageFormat::Png,
        "jpg" | "jpeg" => ImageFormat::Jpeg,
        other => return Err(format!("careersite cannot resize .{other} files")),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format).into_decoder();
    let decoder = reader
        .as_mut()
        .map_err(|e| format!("it is not a readable {} file ({e})", name(format)))?;
    // A phone photo is often stored sideways with a note to turn it: the variant is stored
    // upright, since it is written without that note.
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(reader.expect("checked above"))
        .map_err(|e| format!("it is not a readable {} file ({e})", name(format)))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    let size = (image.width(), image.height());
    let out = match spec {
        Spec::Fill(w, h) => image.resize_to_fill(w, h, FilterType::Lanczos3),
        Spec::Width(_) | Spec::Height(_) => {
            let (w, h) = spec.size(size);
            image.resize_exact(w, h, FilterType::Lanczos3)
        }
    };
    let mut encoded = Vec::new();
    let result = match format {
        ImageFormat::Jpeg => {
            // JPEG has no transparency: what was see-through shows as black in most viewers.
            let rgb = DynamicImage::ImageRgb8(out.to_rgb8());
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut encoded,
                quality.clamp(1, 100),
            );
            rgb.write_with_encoder(encoder)
        }
        _ => out.write_to(&mut Cursor::new(&mut encoded), format),
    };
    result.map_err(|e| format!("its smaller copy could not be written ({e})"))?;
    Ok(encoded)
}

fn name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Jpeg => "JPEG",
        _ => "PNG",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn size_of(bytes: &[u8]) -> (u32, u32) {
        let s = imagesize::blob_size(bytes).unwrap();
        (s.width as u32, s.height as u32)
    }

    #[test]
    fn variants_have_the_size_their_name_says() {
        let original = png(200, 100);
        let w = resize(&original, "png", Spec::Width(50), 80).unwrap();
        assert_eq!(size_of(&w), Spec::Width(50).size((200, 100)));
        let f = resize(&original, "png", Spec::Fill(30, 30), 80).unwrap();
        assert_eq!(size_of(&f), (30, 30));
        let j = resize(&original, "jpg", Spec::Height(25), 70);
        // A PNG named .jpg is not a JPEG file: said, not guessed.
        assert!(j.unwrap_err().contains("not a readable JPEG file"));
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let original = png(64, 64);
        assert_eq!(
            resize(&original, "png", Spec::Width(10), 80),
            resize(&original, "png", Spec::Width(10), 80)
        );
    }

    #[test]
    fn broken_files_are_an_error_not_a_panic() {
        for bytes in [&b""[..], b"\x89PNG\r\n\x1a\n", b"not an image at all"] {
            assert!(resize(bytes, "png", Spec::Width(10), 80).is_err());
            assert!(resize(bytes, "jpeg", Spec::Width(10), 80).is_err());
        }
    }
}
