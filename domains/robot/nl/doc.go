// Package nl translates controlled English robot instructions into STL.
package nl
