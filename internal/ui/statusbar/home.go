package statusbar

import "os"

func homeDir() string {
	h, _ := os.UserHomeDir()
	return h
}
