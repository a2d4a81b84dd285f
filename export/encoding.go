package export

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"returndesk/model"
)

// Encoding is the text encoding a CSV file is saved in. Excel on Chinese Windows saves
// "CSV (逗号分隔)" in GBK, and WPS often does too; Taiwan and Hong Kong offices save Big5;
// "Unicode text" is UTF-16.
type Encoding string

// The encodings a CSV file is read in; "" detects it.
const (
	EncodingAuto Encoding = ""
	UTF8         Encoding = "utf-8"
	UTF16        Encoding = "utf-16"  // little- or big-endian, with or without a byte-order mark
	GB18030      Encoding = "gb18030" // GBK and GB2312 files too: GB18030 contains both
	Big5         Encoding = "big5"
)

// Encodings are the encodings a person may choose, in the order a choice offers them.
var Encodings = []Encoding{UTF8, GB18030, Big5, UTF16}

// Label is the encoding as a person knows it.
func (e Encoding) Label() model.Text {
	switch e {
	case UTF8:
		return model.T("UTF-8")
	case UTF16:
		return model.T("UTF-16 (Unicode text)")
	case GB18030:
		return model.T("GB18030 / GBK (Simplified Chinese)")
	case Big5:
		return model.T("Big5 (Traditional Chinese)")
	}
	return model.T("detect")
}

// ParseEncoding reads an encoding's name as people write it: utf-8, utf8, gbk, gb2312,
// gb18030, cp936, big5, cp950, utf-16, unicode; auto or "" detects it.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf8":
		return UTF8, nil
	case "utf16", "utf16le", "utf16be", "unicode", "ucs2":
		return UTF16, nil
	case "gb18030", "gbk", "gb2312", "cp936", "ms936", "euccn":
		return GB18030, nil
	case "big5", "cp950", "ms950", "big5hkscs":
		return Big5, nil
	}
	return "", model.Invalid("encoding", "%q is not an encoding ReturnDesk reads (auto, utf-8, gb18030, gbk, big5 or utf-16)", s)
}

// decodeText turns CSV data saved in enc (detected when EncodingAuto) into UTF-8 without a
// byte-order mark. It returns the encoding used and the others the data could as well be
// in (a choice to offer when the detection was a guess).
func decodeText(data []byte, enc Encoding) (text []byte, used Encoding, others []Encoding, err error) {
	if enc == EncodingAuto {
		enc, others = detectEncoding(data)
		defer func() {
			if err != nil {
				err = model.Errorf(model.EINVALID, "the file's encoding cannot be told: it is not UTF-8, UTF-16, GB18030/GBK or Big5 text; save it as \"CSV UTF-8\"")
			}
		}()
	}
	switch enc {
	case UTF8:
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if !utf8.Valid(data) {
			return nil, enc, nil, notIn(enc)
		}
		return data, enc, others, nil
	case UTF16:
		text, err = decodeWith(utf16Decoder(data), data)
	case GB18030:
		text, err = decodeWith(simplifiedchinese.GB18030, data)
	case Big5:
		text, err = decodeWith(traditionalchinese.Big5, data)
	default: // not told
		return nil, enc, nil, model.Errorf(model.EINVALID, "unknown encoding %q", string(enc))
	}
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, enc, nil, notIn(enc)
	}
	return text, enc, others, nil
}

func notIn(enc Encoding) error {
	return model.Errorf(model.EINVALID, "the file is not %s text; choose the encoding it was saved in", enc.Label())
}

func decodeWith(e encoding.Encoding, data []byte) ([]byte, error) {
	return e.NewDecoder().Bytes(data)
}

// utf16Decoder reads the byte-order mark, or without one the side the zero bytes of ASCII
// characters are on.
func utf16Decoder(data []byte) encoding.Encoding {
	order := xunicode.LittleEndian
	if bytes.HasPrefix(data, []byte("\xFE\xFF")) || !bytes.HasPrefix(data, []byte("\xFF\xFE")) && zerosAt(data, 0) > zerosAt(data, 1) {
		order = xunicode.BigEndian
	}
	return xunicode.UTF16(order, xunicode.UseBOM)
}

// zerosAt counts the zero bytes at even (0) or odd (1) offsets in the first kilobyte.
func zerosAt(data []byte, parity int) int {
	n := 0
	for i := parity; i < len(data) && i < 1024; i += 2 {
		if data[i] == 0 {
			n++
		}
	}
	return n
}

// detectEncoding tells the encoding of CSV data: a byte-order mark says it; valid UTF-8 is
// UTF-8 (a GBK or Big5 text of any length is almost never valid UTF-8); text with a zero byte
// in every other place is UTF-16; otherwise the Chinese double-byte encodings are weighed by
// the characters each would make of the data. others are the encodings as likely as the one
// returned; EncodingAuto is returned when nothing reads as text.
func detectEncoding(data []byte) (Encoding, []Encoding) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return UTF8, nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return UTF16, nil
	case looksLikeUTF16(data):
		return UTF16, nil
	case utf8.Valid(data):
		return UTF8, nil
	}
	gb, big5 := chineseScore(data, simplifiedchinese.GB18030), chineseScore(data, traditionalchinese.Big5)
	switch {
	case big5 > gb:
		return Big5, alsoIf(gb > 0 && gb*2 > big5, GB18030)
	case gb > big5:
		return GB18030, alsoIf(big5 > 0 && big5*2 > gb, Big5)
	case gb > 0:
		return GB18030, []Encoding{Big5}
	}
	return EncodingAuto, nil // nothing reads as Chinese: the encoding cannot be told
}

func alsoIf(cond bool, e Encoding) []Encoding {
	if cond {
		return []Encoding{e}
	}
	return nil
}

// looksLikeUTF16 reports whether a third or more of the first kilobyte's odd or even bytes
// are zero: ASCII letters, digits and separators in UTF-16.
func looksLikeUTF16(data []byte) bool {
	n := min(len(data), 1024) / 2
	return n >= 4 && (zerosAt(data, 0)*3 >= n || zerosAt(data, 1)*3 >= n)
}

// chineseScore is how much data reads as Chinese in e: the common characters of names,
// places and the sales sheets' own words count for, the characters no Chinese text is made
// of (kana, Hangul, private use, control characters, undecodable bytes) against. Zero or
// less is not Chinese text.
func chineseScore(data []byte, e encoding.Encoding) int {
	text, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return 0
	}
	score := 0
	for _, r := range string(text) {
		switch {
		case r < 0x80:
		case r == utf8.RuneError:
			score -= 20
		case strings.ContainsRune(commonHan, r):
			score += 3
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Co, unicode.Cc, unicode.Bopomofo):
			score -= 5
		case unicode.Is(unicode.Han, r) && r <= 0x9FFF:
			score++
		}
	}
	return score
}

// commonHan are characters frequent in Chinese text, in simplified and traditional forms,
// with those of the sales sheets' headers and of names and places.
const commonHan = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单念装整价户客售维修退换货厂家号型序列码购买期址话票姓陈刘杨吴赵周徐孙朱胡郭何罗郑梁谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程苏魏吕丁沈任姚卢傅钟姜崔谭陆汪范廖石金贾夏韦付方邹熊孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤深圳广州上海北京杭州南京成都重庆武汉西安天津苏州东莞佛山厦门福州长沙郑州青岛宁波无锡合肥昆明香港澳门台湾省县镇街道路号楼室栋们這個來國時說為會對學後麼過還發動當現經點種體長開關問間實話東無師進機與業頭從軍萬張買電號碼價貨廠維廣飛條區單車陳臺灣寶蘭鄭劉吳楊黃趙孫鄧蕭董葉蘇魏呂沈盧鍾譚陸廖賈韋鄒龐閆劉嚴龔邱錢湯戴雲莊產樣種銷帳單證號讀寫壞換貨損壞"
