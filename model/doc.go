// Package model holds ReturnDesk's domain types, their validation, error codes and service interfaces.
package model
