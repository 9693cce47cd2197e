package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The test binary re-executes itself as a tagging process when this variable
// is set: it adds tags to WORKBENCH_STORE_DB, printing "ok N" after each
// committed one, until it has added WORKBENCH_STORE_N (0 = forever).
const helperEnv = "WORKBENCH_STORE_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(fullDiskEnv) != "" {
		os.Exit(fullDisk(os.Getenv("WORKBENCH_STORE_DB")))
	}
	if name := os.Getenv(loadEnv); name != "" {
		os.Exit(loadChild(name))
	}
	if name := os.Getenv(helperEnv); name != "" {
		os.Exit(tagger(name, os.Getenv("WORKBENCH_STORE_DB"), os.Getenv("WORKBENCH_STORE_N")))
	}
	os.Exit(m.Run())
}

func tagger(name, path, count string) int {
	n, _ := strconv.Atoi(count)
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	for i := 0; n == 0 || i < n; i++ {
		in := quoteInput(name, i, i+1, "neutral")
		in.Note = strings.Repeat("note ", 50)
		if _, err := s.Add(context.Background(), in); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			return 1
		}
		fmt.Fprintln(out, "ok", i)
		out.Flush()
	}
	return 0
}

func helper(t *testing.T, name, path string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+name, "WORKBENCH_STORE_DB="+path, "WORKBENCH_STORE_N="+strconv.Itoa(n))
	return cmd
}

func TestConcurrentProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	const each = 100
	var cmds []*exec.Cmd
	outs := make([]*strings.Builder, 2)
	for i := range outs {
		outs[i] = &strings.Builder{}
		cmd := helper(t, fmt.Sprintf("p%d", i), path, each)
		cmd.Stdout, cmd.Stderr = outs[i], outs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i].String())
		}
		if strings.Contains(outs[i].String(), "locked") {
			t.Errorf("process %d saw a lock error:\n%s", i, outs[i].String())
		}
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, doc := range []string{"p0", "p1"} {
		tags, err := s.List(context.Background(), Filter{DocID: doc})
		if err != nil {
			t.Fatal(err)
		}
		if len(tags) != each {
			t.Errorf("%s: %d tags, want %d", doc, len(tags), each)
		}
	}
}

// TestKilledMidWrite SIGKILLs a tagging process while it writes and checks
// that every tag it acknowledged is in the store, and the store opens.
func TestKilledMidWrite(t *testing.T) {
	for round := 0; round < 3; round++ {
		path := filepath.Join(t.TempDir(), "tags.db")
		cmd := helper(t, "k", path, 0)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		acked := -1
		killAt := 40 + round*37
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatal(line)
			}
			if v, err := strconv.Atoi(strings.TrimPrefix(line, "ok ")); err == nil {
				acked = v
			}
			if acked >= killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		// Lines written before the kill count as acknowledged too.
		for sc.Scan() {
			if v, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "ok ")); err == nil {
				acked = v
			}
		}
		cmd.Wait()

		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: store does not open after SIGKILL: %v", round, err)
		}
		tags, err := s.List(context.Background(), Filter{DocID: "k"})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		have := map[int]bool{}
		for _, tg := range tags {
			have[tg.Start] = true
		}
		for i := 0; i <= acked; i++ {
			if !have[i] {
				t.Fatalf("round %d: acknowledged tag %d lost after SIGKILL (%d tags stored, %d acked)", round, i, len(tags), acked+1)
			}
		}
		if len(tags) > acked+2 {
			t.Fatalf("round %d: %d tags stored but only %d acknowledged", round, len(tags), acked+1)
		}
	}
}
