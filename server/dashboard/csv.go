package dashboard

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// CSV files are made for Excel in French: UTF-8 with a byte-order mark (or
// Excel reads the accents as Latin-1), ";" between cells (Excel in French
// expects it, "," being the decimal separator), CRLF line ends, and quotes
// where a cell needs them (encoding/csv does that).
const (
	csvBOM       = "\ufeff"
	csvSeparator = ';'
)

// neutralise stops a spreadsheet from reading a cell as a formula ("CSV
// injection"): a cell starting with =, +, -, @, a tab or a carriage return
// gets a leading apostrophe, which Excel and LibreOffice show as text.
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// writeCSV writes a header line and rows, every cell neutralised.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, csvBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = csvSeparator
	cw.UseCRLF = true
	line := make([]string, 0, len(header))
	for _, h := range header {
		line = append(line, neutralise(h))
	}
	if err := cw.Write(line); err != nil {
		return err
	}
	for _, r := range rows {
		line = line[:0]
		for _, c := range r {
			line = append(line, neutralise(c))
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// serveCSV sends a table as a CSV download named file (".csv" added).
func serveCSV(w http.ResponseWriter, file string, t *table) {
	name := file + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		asciiName(name), url.PathEscape(name)))
	header := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		header[i] = c.Label
		if c.Unit != "" {
			header[i] += " (" + c.Unit + ")"
		}
	}
	rows := make([][]string, 0, len(t.Rows)+1)
	for _, r := range t.Rows {
		line := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			line[i] = c.Raw
		}
		rows = append(rows, line)
	}
	if t.Total != nil {
		line := make([]string, len(t.Total))
		for i, c := range t.Total {
			line[i] = c.Raw
		}
		rows = append(rows, line)
	}
	_ = writeCSV(w, header, rows) // a write error means the browser went away
}

// asciiName keeps a file name safe for the plain filename= parameter.
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, s)
}
