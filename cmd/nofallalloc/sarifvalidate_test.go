package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// sarifMultitool is the SARIF validator that GitHub points code-scanning
// users to, at a pinned version.
const sarifMultitool = "@microsoft/sarif-multitool@5.7.0"

// TestSARIFValidates checks the SARIF output against the SARIF 2.1.0
// schema and GitHub code scanning's own rules, with sarif-multitool's
// validate --rule-kind "Sarif;Gh": no error and no warning. The logs cover
// findings with chains into the module and into the standard library, an
// empty run, the -sites inventory, and a run that failed.
func TestSARIFValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the SARIF validator from npm")
	}
	t.Parallel()
	validator := installSARIFMultitool(t)
	dir := t.TempDir()
	var logs []string
	for _, run := range []struct {
		name, fixture string
		exit          int
		args          []string
	}{
		{"findings", "cli", 1, []string{"./..."}},
		{"cross-package", "multi", 1, []string{"./..."}},
		{"clean", "cli", 0, []string{"./clean"}},
		{"sites", "cli", 0, []string{"-sites", "./chain"}},
		{"failed", "broken", 2, []string{"./typeerr"}},
	} {
		o := nofallalloc(t, fixture(t, run.fixture), append([]string{"-f", "sarif"}, run.args...)...)
		wantExit(t, o, run.exit)
		log := filepath.Join(dir, run.name+".sarif")
		if err := os.WriteFile(log, []byte(o.stdout), 0o666); err != nil {
			t.Fatal(err)
		}
		logs = append(logs, log)
	}

	verdict := filepath.Join(dir, "verdict.sarif")
	cmd := exec.Command(validator, append([]string{"validate", "--rule-kind", "Sarif;Gh", "--output", verdict}, logs...)...)
	// The validator is a .NET program, which aborts without libicu unless
	// told that it needs no culture data.
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	o := runCommand(t, cmd)
	if o.exit != 0 {
		t.Fatalf("validator exit status %d:\n%s%s", o.exit, o.stdout, o.stderr)
	}
	t.Logf("validator:\n%s", o.stdout)
	// The validator exits 0 whatever it finds; its verdict is a SARIF log
	// of its own, one result per problem.
	var report struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					ID        string   `json:"id"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(verdict)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &report); err != nil || len(report.Runs) != 1 {
		t.Fatalf("unreadable verdict (%v):\n%s", err, data)
	}
	for _, r := range report.Runs[0].Results {
		if r.Level == "" || r.Level == "error" || r.Level == "warning" { // SARIF's default level is warning
			t.Errorf("%s %s %q", r.RuleID, r.Message.ID, r.Message.Arguments)
		}
	}
	if t.Failed() {
		t.Logf("the validator's output names the files and explains each rule:\n%s", o.stdout)
	}
}

// installSARIFMultitool installs the validator into a temporary directory
// and returns the path of its executable. The package's own command,
// bin.js, passes its arguments through a shell, which would split
// "Sarif;Gh" at the semicolon, so the test runs the binary that the
// package for this platform installs.
func installSARIFMultitool(t *testing.T) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatalf("npm is needed to install %s: %v", sarifMultitool, err)
	}
	dir := t.TempDir()
	o := run(t, dir, npm, "install", "--prefix", dir, "--no-audit", "--no-fund", sarifMultitool)
	if o.exit != 0 {
		t.Fatalf("npm install %s: exit status %d\n%s%s", sarifMultitool, o.exit, o.stdout, o.stderr)
	}
	platform, exe := runtime.GOOS, "Sarif.Multitool"
	switch platform {
	case "windows":
		platform, exe = "win32", exe+".exe"
	case "darwin", "linux":
	default:
		t.Fatalf("%s has no build for %s", sarifMultitool, runtime.GOOS)
	}
	bin := filepath.Join(dir, "node_modules", "@microsoft", "sarif-multitool-"+platform, exe)
	// The package makes the binary executable in a postinstall script,
	// which npm may be configured not to run.
	if err := os.Chmod(bin, 0o755); err != nil {
		t.Fatalf("%s did not install its %s binary: %v\n%s%s", sarifMultitool, platform, err, o.stdout, o.stderr)
	}
	return bin
}
