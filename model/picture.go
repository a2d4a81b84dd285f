package model

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg" // photos and logos: JPEG
	_ "image/png"  // photos and logos: PNG
)

// The one place of the limits on stored pictures: a phone's photo fits easily, a
// decompression bomb does not. The store refuses what exceeds them; the window reads no
// more than MaxPhotoBytes + 1 of a chosen file.
const (
	MaxPhotoBytes  = 25 << 20
	MaxPhotoSide   = 16000
	MaxPhotoPixels = 80_000_000
	MaxLogoBytes   = 10 << 20
	MaxLogoPixels  = 50_000_000
)

// CheckPhoto checks that data is a whole JPEG or PNG picture within the limits and returns
// its format ("png" or "jpeg") and size in pixels; name is what the messages call it.
func CheckPhoto(name string, data []byte) (format string, width, height int, err error) {
	if len(data) > MaxPhotoBytes {
		return "", 0, 0, Errorf(EINVALID, "%s is larger than %d MB.", name, MaxPhotoBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return "", 0, 0, Errorf(EINVALID, "%s is not a JPEG or PNG picture.", name)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxPhotoSide || cfg.Height > MaxPhotoSide ||
		cfg.Width*cfg.Height > MaxPhotoPixels {
		return "", 0, 0, Errorf(EINVALID, "%s is %d×%d pixels: too large to attach.", name, cfg.Width, cfg.Height)
	}
	// A cut-off file has a good header: only decoding it all finds the damage.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return "", 0, 0, Wrap(EINVALID, err, "%s is a damaged picture", name)
	}
	return format, cfg.Width, cfg.Height, nil
}

// CheckLogo checks that data is a JPEG or PNG picture within the logo's limits and returns
// its size in pixels.
func CheckLogo(data []byte) (width, height int, err error) {
	if len(data) > MaxLogoBytes {
		return 0, 0, Invalid("logo", "is larger than %d MB", MaxLogoBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return 0, 0, Errorf(EINVALID, "the logo is not a PNG or JPEG picture")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxLogoPixels {
		return 0, 0, Errorf(EINVALID, "the logo is %d×%d pixels: too large", cfg.Width, cfg.Height)
	}
	return cfg.Width, cfg.Height, nil
}

// NewPhotoFile is a new generated name for a photo of the format: photos/<32 hex digits>.png
// or .jpg. It names the photo in backups and in the old data folder; it is never a user's name.
func NewPhotoFile(format string) string {
	var random [16]byte
	rand.Read(random[:])
	ext := "png"
	if format == "jpeg" {
		ext = "jpg"
	}
	return PhotoDir + "/" + hex.EncodeToString(random[:]) + "." + ext
}

// PictureSum is the SHA-256 of a picture's bytes in hex, stored beside it so that a backup
// check sees a changed byte that the database's own checks cannot.
func PictureSum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
