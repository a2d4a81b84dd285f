package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"returndesk/model"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Language
		ok   bool
	}{
		{"zh", Chinese, true},
		{"zh_CN.UTF-8", Chinese, true},
		{"zh-Hans", Chinese, true},
		{"zh_TW.Big5", Chinese, true},
		{"ZH", Chinese, true},
		{"en", English, true},
		{"en_US.UTF-8", English, true},
		{"en-GB", English, true},
		{"de_DE.UTF-8", "", false},
		{"C", "", false},
		{"C.UTF-8", "", false},
		{"", "", false},
	} {
		got, ok := Parse(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// RETURNDESK_LANG wins over the saved choice, which wins over the system's language; a
// language the interface does not speak falls through to the next, English last.
func TestChoose(t *testing.T) {
	for _, tt := range []struct {
		name  string
		env   map[string]string
		saved string
		want  Language
	}{
		{"nothing set", nil, "", English},
		{"system Chinese", map[string]string{"LANG": "zh_CN.UTF-8"}, "", Chinese},
		{"LC_ALL over LANG", map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "", English},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "", Chinese},
		{"LANGUAGE list", map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "de:zh_CN:en"}, "", Chinese},
		{"a system language we do not speak", map[string]string{"LANG": "de_DE.UTF-8"}, "", English},
		{"saved over system", map[string]string{"LANG": "zh_CN.UTF-8"}, "en", English},
		{"saved Chinese", map[string]string{"LANG": "en_US.UTF-8"}, "zh", Chinese},
		{"env over saved", map[string]string{EnvLanguage: "zh", "LANG": "en_US.UTF-8"}, "en", Chinese},
		{"env English over saved Chinese", map[string]string{EnvLanguage: "en"}, "zh", English},
		{"unknown env falls through", map[string]string{EnvLanguage: "fr"}, "zh", Chinese},
	} {
		getenv := func(k string) string { return tt.env[k] }
		if got := Choose(getenv, tt.saved); got != tt.want {
			t.Errorf("%s: Choose = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestIn(t *testing.T) {
	catalogs[Chinese]["test: %s owes %s"] = "测试：欠 %[2]s 的是 %[1]s"
	catalogs[Chinese]["test: Refund"] = "测试：退货"
	defer delete(catalogs[Chinese], "test: %s owes %s")
	defer delete(catalogs[Chinese], "test: Refund")
	for _, tt := range []struct {
		l    Language
		text model.Text
		want string
	}{
		{English, model.T("test: %s owes %s", "Halotek", "12.50"), "test: Halotek owes 12.50"},
		{Chinese, model.T("test: %s owes %s", "Halotek", "12.50"), "测试：欠 12.50 的是 Halotek"},
		{Chinese, model.T("test: %s owes %s", model.T("test: Refund"), "1"), "测试：欠 1 的是 测试：退货"},
		{Chinese, model.T("test: not translated %d", 3), "test: not translated 3"},
		{Chinese, model.T("100%"), "100%"},
	} {
		if got := In(tt.l, tt.text); got != tt.want {
			t.Errorf("In(%s, %v) = %q, want %q", tt.l, tt.text, got, tt.want)
		}
	}
}

func TestTight(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"购买后 7 天内出现质量问题", "购买后7天内出现质量问题"},
		{"自 %s 购买起第 %d 天（共 %d 天）", "自 %s 购买起第%d天（共%d天）"}, // a date may fill %s: the line breaks beside it
		{"由 Halotek 服务中心协助处理。", "由 Halotek 服务中心协助处理。"},   // a long word keeps its spaces
		{"保修期至 2027-02-12 止", "保修期至 2027-02-12 止"},
		{"自发货日起保修 12 个月", "自发货日起保修12个月"},
		{"各 OEM 订单，%[2]s 的", "各OEM订单，%[2]s 的"},
		{"张伟 · 13800138000", "张伟 · 13800138000"}, // a sign between spaces keeps them
		{"已接收  2 件", "已接收  2件"},                  // two spaces are meant
		{"Halo phone 2", "Halo phone 2"},
		{" 前后 ", " 前后 "},
		{"", ""},
	} {
		if got := Tight(tt.in); got != tt.want {
			t.Errorf("Tight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// On screen the wording is tight, what fills it is as typed.
	defer Use(Current())
	catalogs[Chinese]["test: centre %s, day %d"] = "测试：服务中心 %s，第 %d 天"
	defer delete(catalogs[Chinese], "test: centre %s, day %d")
	Use(Chinese)
	text := model.T("test: centre %s, day %d", "Halotek 上海服务中心", 7)
	if got, want := OnScreen(text), "测试：服务中心 Halotek 上海服务中心，第7天"; got != want {
		t.Errorf("OnScreen = %q, want %q", got, want)
	}
	if got, want := Say(text), "测试：服务中心 Halotek 上海服务中心，第 7 天"; got != want {
		t.Errorf("Say = %q, want %q (documents keep the spaces)", got, want)
	}
	Use(English)
	if got, want := OnScreen(text), "test: centre Halotek 上海服务中心, day 7"; got != want {
		t.Errorf("OnScreen in English = %q, want %q", got, want)
	}
}

// Say speaks the language chosen by Use.
func TestUse(t *testing.T) {
	defer Use(Current())
	Use(Chinese)
	if got := Say(model.TierRefund.Label()); got != catalogs[Chinese]["Refund"] || got == "" {
		t.Errorf("Say(Refund) in Chinese = %q", got)
	}
	Use(English)
	if got := Say(model.TierRefund.Label()); got != "Refund" {
		t.Errorf("Say(Refund) in English = %q", got)
	}
}

// Every wording the code uses (model/testdata/keys.golden, kept by TestWordingKeys) has a
// Chinese translation, the bundle has no key the code no longer uses, and each translation
// takes the same arguments as its key, of the same kinds (in any order).
func TestChineseBundleCoversEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "model", "testdata", "keys.golden"))
	if err != nil {
		t.Fatal(err)
	}
	keys := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, k := range keys { // a line break in a key is written \n there, a backslash \\
		keys[i] = strings.NewReplacer(`\\`, `\`, `\n`, "\n").Replace(k)
	}
	zh := Catalog(Chinese)
	var missing []string
	for _, k := range keys {
		tr, ok := zh[k]
		if !ok || strings.TrimSpace(tr) == "" {
			missing = append(missing, k)
			continue
		}
		if a, b := verbs(k), verbs(tr); !equalVerbs(a, b) {
			t.Errorf("%q → %q: the arguments differ (%v, %v)", k, tr, a, b)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d keys have no Chinese translation in bundles/zh.json, e.g.:\n%s", len(missing), strings.Join(missing[:min(len(missing), 20)], "\n"))
	}
	var unused []string
	for k := range zh {
		if !slices.Contains(keys, k) {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("bundles/zh.json has keys nothing uses:\n%s", strings.Join(unused, "\n"))
	}
}

// verbs maps each argument a format uses (from 1) to its verb: "%s owes %.2f" → {1:s 2:f};
// "%[2]s %[1]d" → {1:d 2:s}.
func verbs(format string) map[int]byte {
	out := map[int]byte{}
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == ' ' {
			continue // "95 % bound": a percent sign as itself
		}
		for i < len(format) && strings.IndexByte("+-#0", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			if j < 0 {
				break
			}
			n := 0
			for _, c := range format[i+1 : i+j] {
				n = n*10 + int(c-'0')
			}
			next = n
			i += j + 1
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		if c := format[i]; c < 'A' || c > 'Z' && c < 'a' || c > 'z' {
			continue // a percent sign as itself ("95 %", "(%)"), in a wording without arguments
		}
		out[next] = format[i]
		next++
	}
	return out
}

func equalVerbs(a, b map[int]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestVerbs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want map[int]byte
	}{
		{"no verbs", map[int]byte{}},
		{"100%% done", map[int]byte{}},
		{"%s owes %.2f", map[int]byte{1: 's', 2: 'f'}},
		{"%[2]s then %[1]d", map[int]byte{1: 'd', 2: 's'}},
		{"%-8s|%04d|%q", map[int]byte{1: 's', 2: 'd', 3: 'q'}},
		{"Lower 95 % bound (%)", map[int]byte{}},
	} {
		if got := verbs(tt.in); !equalVerbs(got, tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// go-i18n (and so Fyne's loader) refuses a whole file in which one of its reserved words is a
// key beside others: no wording may be one of them.
func TestNoKeyIsAReservedGoI18nWord(t *testing.T) {
	reserved := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}
	for k := range Catalog(Chinese) {
		if slices.Contains(reserved, strings.ToLower(k)) {
			t.Errorf("%q is a word go-i18n reserves: word it otherwise", k)
		}
	}
}
