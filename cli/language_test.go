package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// The command line speaks English unless RETURNDESK_LANG or the locale asks for Chinese;
// RETURNDESK_LANG wins over the locale. Error lines are what changes; JSON stays English.
func TestCommandLineFollowsTheLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	for _, tt := range []struct {
		name string
		env  []string
		want string
	}{
		{"default", nil, "returndesk case: unknown case command \"fly\" (use add, list, show)\n"},
		{"RETURNDESK_LANG=zh", []string{"RETURNDESK_LANG=zh"}, "returndesk case: 未知的 case 命令 \"fly\"（可用 add, list, show）\n"},
		{"LANG=zh_CN.UTF-8", []string{"RETURNDESK_LANG=", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=zh_CN.UTF-8"}, "returndesk case: 未知的 case 命令 \"fly\"（可用 add, list, show）\n"},
		{"RETURNDESK_LANG over LANG", []string{"RETURNDESK_LANG=en", "LANG=zh_CN.UTF-8"}, "returndesk case: unknown case command \"fly\" (use add, list, show)\n"},
	} {
		_, stderr, code := runEnv(t, tt.env, "case", "fly", "--db", db)
		if code != 2 || stderr != tt.want {
			t.Errorf("%s: exit %d, %q, want %q", tt.name, code, stderr, tt.want)
		}
	}
	// A domain error in Chinese, its case number as it is.
	_, stderr, _ := runEnv(t, []string{"RETURNDESK_LANG=zh"}, "case", "add", "--db", db)
	if !strings.HasPrefix(stderr, "returndesk case add: ") || !strings.ContainsAny(stderr, "必需缺少") {
		t.Errorf("case add without flags in Chinese: %q", stderr)
	}
}

// --help follows the language too: the summary and every flag's meaning in Chinese, the
// flag names and their argument names as they are.
func TestHelpFollowsTheLanguage(t *testing.T) {
	out, _, code := runEnv(t, []string{"RETURNDESK_LANG=zh"}, "slip", "--help")
	if code != 0 || !strings.Contains(out, "--out FILE") || !strings.Contains(out, "--page SIZE") ||
		!strings.Contains(out, "returndesk slip CASE") || strings.Contains(out, "the PDF") || !strings.Contains(out, "维修单") {
		t.Errorf("slip --help in Chinese: exit %d\n%s", code, out)
	}
	out, _, _ = runEnv(t, nil, "slip", "--help")
	if !strings.Contains(out, "the PDF FILE to write") {
		t.Errorf("slip --help in English:\n%s", out)
	}
}
