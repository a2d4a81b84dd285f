package postgres

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"returndesk/model/sqlstore"
)

func init() { sqlstore.RegisterDriver(classify) }

// faultAuth is a refused login or missing rights (not one of the store's faults).
const faultAuth = sqlstore.FaultOther

// classify says what kind of failure a PostgreSQL error is, for the shared store's errors.
func classify(err error) (sqlstore.Fault, string, bool) {
	if gone(err) {
		return sqlstore.FaultGone, "", true
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return 0, "", false
	}
	switch pe.Code {
	case "23505": // unique_violation: "Key (manufacturer_id, model)=(1, H1) already exists."
		cols := pe.ConstraintName
		if _, after, ok := strings.Cut(pe.Detail, "Key ("); ok {
			cols, _, _ = strings.Cut(after, ")=")
		}
		return sqlstore.FaultUnique, cols, true
	case "23514": // check_violation: the constraints are named after their columns
		return sqlstore.FaultCheck, pe.ConstraintName, true
	case "23502":
		return sqlstore.FaultNotNull, pe.ColumnName, true
	case "23503":
		return sqlstore.FaultForeignKey, pe.ConstraintName, true
	case "P0001": // raise_exception, from a trigger of the schema
		return sqlstore.FaultRaised, pe.Message, true
	case "40001", "40P01", "55P03": // serialization failure, deadlock, lock not available
		return sqlstore.FaultBusy, "", true
	case "25006": // read_only_sql_transaction
		return sqlstore.FaultReadOnly, "", true
	case "53100": // disk_full
		return sqlstore.FaultFull, "", true
	}
	if strings.HasPrefix(pe.Code, "23") {
		return sqlstore.FaultConstraint, pe.ConstraintName, true
	}
	return sqlstore.FaultOther, "", true
}

// gone reports whether err says that the server could not be reached or that the
// connection to it broke.
func gone(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// connection_exception, admin_shutdown, crash_shutdown, cannot_connect_now
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
