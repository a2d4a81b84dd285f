package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"returndesk/model"
)

// connectTimeout is how long Open waits for a server that does not answer (the URL's
// connect_timeout wins).
const connectTimeout = 10 * time.Second

// Redacted is url as it may be shown and logged: without its password. Anything that is
// not a URL is returned as it is.
func Redacted(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// where names the server and database of cfg for a message: "host:5432/shop".
func where(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if strings.HasPrefix(host, "/") { // a Unix socket's folder
		return host + "/" + cfg.Database
	}
	return net.JoinHostPort(host, strconv.Itoa(int(cfg.Port))) + "/" + cfg.Database
}

// connectError says in one line why the server could not be used: not reachable, the
// login refused, no such database, no rights. The driver's error follows as the cause.
func connectError(cfg *pgx.ConnConfig, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return model.Wrap(model.EINTERNAL, err,
				"the PostgreSQL server at %s refused the user %s (a wrong password, an unknown user, or the server's pg_hba.conf does not let it in)",
				where(cfg), cfg.User)
		case "3D000": // invalid_catalog_name
			return model.Wrap(model.EINTERNAL, err,
				"the PostgreSQL server has no database %q (%s): create it first, or check the name in the URL", cfg.Database, where(cfg))
		case "42501":
			return noRights(cfg, err)
		}
		return model.Wrap(model.EINTERNAL, err, "the PostgreSQL server at %s refused the connection", where(cfg))
	}
	return model.Wrap(model.EINTERNAL, err, "cannot reach the PostgreSQL server at %s (%s)", where(cfg), unreachable(err))
}

// unreachable says what to look at when no server answered.
func unreachable(err error) model.Text {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &dns):
		return model.T("the host name is not known")
	case errors.Is(err, syscall.ECONNREFUSED):
		return model.T("is it running, and listening on this address and port?")
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return model.T("no answer: a firewall, or a wrong host?")
	}
	return model.T("is the address right?")
}

// noRights is the one line for a user that may connect but not use ReturnDesk's tables.
func noRights(cfg *pgx.ConnConfig, err error) error {
	return model.Wrap(model.EINTERNAL, err,
		"the PostgreSQL user %s has no rights to ReturnDesk's tables in %s (the database's owner must grant them)",
		cfg.User, where(cfg))
}

// rightsError turns a refusal for missing rights while opening into noRights' line; any
// other error is returned as it is.
func rightsError(cfg *pgx.ConnConfig, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
		return noRights(cfg, pe)
	}
	return err
}

// checkRights refuses, when opening, a user that lacks a right ReturnDesk needs on one of
// its tables, so that it is told at once and not at the first save.
func (db *DB) checkRights(ctx context.Context, cfg *pgx.ConnConfig) error {
	var table string
	// pg_class, not information_schema, which shows a user only the tables it has rights on.
	err := db.r.QueryRowContext(ctx, `SELECT relname FROM pg_class
		WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')
		AND NOT (has_table_privilege(oid, 'SELECT') AND has_table_privilege(oid, 'INSERT') AND has_table_privilege(oid, 'UPDATE'))
		ORDER BY relname LIMIT 1`).Scan(&table)
	switch {
	case err == nil:
		return noRights(cfg, fmt.Errorf("no right to read, add and change the table %s", table))
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return rightsError(cfg, err)
}
