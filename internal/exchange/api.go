package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/workspace"
)

// Export writes the tags in format to w. For "brat", w receives a zip of
// the collection (see ExportFile for a folder); for "labelstudio", only the
// task list (WriteLabelStudioConfig writes the config).
func Export(w io.Writer, format string, in ExportInput) error {
	switch format {
	case FormatQDPX:
		return WriteQDPX(w, in)
	case FormatQDC:
		return WriteQDC(w, in)
	case FormatLabelStudio:
		return WriteLabelStudio(w, in)
	case FormatDoccano:
		return WriteDoccano(w, in)
	case FormatBrat:
		return WriteBratZip(w, in)
	case FormatWebAnno:
		return WriteWebAnno(w, in)
	}
	return fmt.Errorf("export format %q: want one of %s", format, strings.Join(ExportFormats, ", "))
}

// WriteBratZip writes the brat collection as a zip (the layout of
// bratFiles, entries sorted, fixed times).
func WriteBratZip(w io.Writer, in ExportInput) error {
	files, err := bratFiles(in)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(w)
	for _, n := range names {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(files[n]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// LabelStudioConfigPath is where ExportFile puts the labelling config next
// to the task list at path: tasks.json -> tasks.config.xml.
func LabelStudioConfigPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".config.xml"
}

// ExportFile writes the export to path, each file atomically (a temporary
// file renamed into place), and returns the paths written:
//   - qdpx, qdc, doccano, webanno: the one file;
//   - labelstudio: the task list at path and its config at
//     LabelStudioConfigPath(path);
//   - brat: a zip when path ends in ".zip", else a folder at path holding
//     annotation.conf, visual.conf and ANALYST/DOC.txt + ANALYST/DOC.ann
//     (files of other names already there are left alone).
func ExportFile(path, format string, in ExportInput) ([]string, error) {
	switch format {
	case FormatLabelStudio:
		var tasks, conf bytes.Buffer
		if err := WriteLabelStudio(&tasks, in); err != nil {
			return nil, err
		}
		if err := WriteLabelStudioConfig(&conf, in); err != nil {
			return nil, err
		}
		cp := LabelStudioConfigPath(path)
		if err := writeAtomic(path, tasks.Bytes()); err != nil {
			return nil, err
		}
		if err := writeAtomic(cp, conf.Bytes()); err != nil {
			return nil, err
		}
		return []string{path, cp}, nil
	case FormatBrat:
		if strings.EqualFold(filepath.Ext(path), ".zip") {
			break
		}
		files, err := bratFiles(in)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		var written []string
		for _, n := range names {
			p := filepath.Join(path, filepath.FromSlash(n))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return written, err
			}
			if err := writeAtomic(p, files[n]); err != nil {
				return written, err
			}
			written = append(written, p)
		}
		return written, nil
	}
	var b bytes.Buffer
	if err := Export(&b, format, in); err != nil {
		return nil, err
	}
	if err := writeAtomic(path, b.Bytes()); err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// writeAtomic writes one file of an export by the rules of every --out:
// atomically for a new or regular file (a symlink followed), directly into
// a FIFO or a device.
func writeAtomic(path string, data []byte) error {
	return workspace.WriteOutput(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Read parses the file (or, for brat, a folder) at path. The format comes
// from opts.Format, else the extension, else the content. Files over
// opts.MaxBytes are refused before they are parsed.
func Read(path string, opts Options) (*Result, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	max := opts.maxBytes()
	if st.IsDir() {
		if opts.Format != "" && opts.Format != FormatBrat {
			return nil, fileErr(path, "", "a folder can only be read as brat, not %s", opts.Format)
		}
		files, err := readDir(path, max)
		if err != nil {
			return nil, err
		}
		return readBratFiles(files, path, opts)
	}
	if st.Size() > max {
		return nil, fileErr(path, "", "%w: %d bytes, over the %d-byte limit", ErrTooLarge, st.Size(), max)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	data, err := readCapped(f, max, path, "")
	f.Close()
	if err != nil {
		return nil, err
	}
	format := opts.Format
	if format == "" {
		format = Detect(path, data)
	}
	if format == FormatBrat && strings.EqualFold(filepath.Ext(path), ".ann") {
		txtPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".txt"
		txt, err := os.ReadFile(txtPath) // size checked below
		if err != nil {
			return nil, fileErr(path, "", "brat needs the text next to it: %v", err)
		}
		if int64(len(txt)) > max {
			return nil, fileErr(txtPath, "", "%w: over the %d-byte limit", ErrTooLarge, max)
		}
		base := filepath.Base(path)
		return readBratFiles(map[string][]byte{base: data, strings.TrimSuffix(base, ".ann") + ".txt": txt}, filepath.Dir(path), opts)
	}
	return ReadBytes(path, format, data, opts)
}

// ReadBytes parses data, named name in messages, in format ("" detects it
// from name and content).
func ReadBytes(name, format string, data []byte, opts Options) (*Result, error) {
	if int64(len(data)) > opts.maxBytes() {
		return nil, fileErr(name, "", "%w: %d bytes, over the %d-byte limit", ErrTooLarge, len(data), opts.maxBytes())
	}
	if format == "" {
		format = Detect(name, data)
	}
	switch format {
	case FormatQDPX:
		if bytes.HasPrefix(data, []byte("PK")) {
			return readQDPX(data, name, opts)
		}
		return readQDE(data, name, nil, opts)
	case FormatQDC:
		return readQDC(data, name)
	case FormatLabelStudio:
		return readLabelStudio(data, name, opts)
	case FormatDoccano:
		return readDoccano(data, name, opts)
	case FormatWebAnno:
		return readWebAnno(data, name, opts)
	case FormatJSONL:
		return readJSONL(data, name, opts)
	case FormatBrat:
		if !bytes.HasPrefix(data, []byte("PK")) {
			return nil, fileErr(name, "", "%w: brat is read from a folder, a zip or a .ann file next to its .txt", ErrFormat)
		}
		files, err := zipFiles(data, name, opts.maxBytes())
		if err != nil {
			return nil, err
		}
		return readBratFiles(files, name, opts)
	case "":
		return nil, fileErr(name, "", "%w: say which with --format (%s)", ErrFormat, strings.Join(ImportFormats, ", "))
	}
	return nil, fileErr(name, "", "%w: unknown format %q (want %s)", ErrFormat, format, strings.Join(ImportFormats, ", "))
}

func readDir(root string, max int64) (map[string][]byte, error) {
	files := map[string][]byte{}
	var total int64
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".ann" && ext != ".txt" && filepath.Base(p) != "visual.conf" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if total+info.Size() > max {
			return fileErr(p, "", "%w: the folder's .ann and .txt files pass the %d-byte limit", ErrTooLarge, max)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		total += int64(len(b))
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	return files, err
}

// Detect names the format of a file from its extension, else its content;
// "" when it cannot tell.
func Detect(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".qdpx", ".qde":
		return FormatQDPX
	case ".qdc":
		return FormatQDC
	case ".jsonld":
		return FormatWebAnno
	case ".ann":
		return FormatBrat
	}
	d := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	switch {
	case bytes.HasPrefix(d, []byte("PK\x03\x04")):
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, f := range zr.File {
				if strings.HasSuffix(strings.ToLower(f.Name), ".qde") {
					return FormatQDPX
				}
			}
			for _, f := range zr.File {
				if strings.HasSuffix(f.Name, ".ann") {
					return FormatBrat
				}
			}
		}
		return ""
	case bytes.HasPrefix(d, []byte("<")):
		head := string(d[:min(len(d), 4096)])
		if strings.Contains(head, "<CodeBook") && !strings.Contains(head, "<Project") {
			return FormatQDC
		}
		if strings.Contains(head, "<Project") {
			return FormatQDPX
		}
		return ""
	case bytes.HasPrefix(d, []byte("[")) || bytes.HasPrefix(d, []byte("{")):
		return detectJSON(d)
	}
	return ""
}

func detectJSON(d []byte) string {
	dec := json.NewDecoder(bytes.NewReader(d))
	var first any
	if err := dec.Decode(&first); err != nil {
		return ""
	}
	more := dec.More()
	obj, _ := first.(map[string]any)
	if arr, ok := first.([]any); ok {
		if len(arr) == 0 {
			return FormatLabelStudio
		}
		obj, _ = arr[0].(map[string]any)
		if obj == nil {
			return ""
		}
		if _, ok := obj["target"]; ok {
			return FormatWebAnno
		}
		if _, ok := obj["data"]; ok {
			return FormatLabelStudio
		}
		return ""
	}
	if obj == nil {
		return ""
	}
	if _, ok := obj["@context"]; ok {
		return FormatWebAnno
	}
	if t, _ := obj["type"].(string); t == "Annotation" || t == "AnnotationCollection" || t == "AnnotationPage" {
		return FormatWebAnno
	}
	if _, ok := obj["data"]; ok && !more {
		return FormatLabelStudio
	}
	if _, ok := obj["text"]; ok {
		return FormatDoccano
	}
	if _, ok := obj["doc_id"]; ok {
		if _, ok := obj["label"].(string); ok {
			return FormatJSONL
		}
	}
	return ""
}
