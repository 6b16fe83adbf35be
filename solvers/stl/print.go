package stl

import "strings"

// prec is the binding strength of an operator (higher binds tighter).
func prec(o Op) int {
	switch o {
	case OpIff:
		return 1
	case OpImplies:
		return 2
	case OpOr:
		return 3
	case OpAnd:
		return 4
	case OpUntil:
		return 5
	case OpNot, OpEventually, OpAlways:
		return 6
	}
	return 7
}

// String prints f in the infix syntax accepted by [Parse], with the
// fewest parentheses that keep the tree, except that an Until operand is
// always parenthesised for readability. Parse(f.String()) is a tree Equal
// to f.
func (f *Formula) String() string {
	if f == nil {
		return "<nil>"
	}
	var b strings.Builder
	write(&b, f)
	return b.String()
}

func writeBounds(b *strings.Builder, bd *Bounds) {
	if bd == nil {
		return
	}
	b.WriteByte('[')
	b.WriteString(fmtNum(bd.Lo))
	b.WriteByte(',')
	b.WriteString(fmtNum(bd.Hi))
	b.WriteByte(']')
}

// operand writes child, in parentheses when it binds looser than min or
// is an Until; it reports whether it used parentheses.
func operand(b *strings.Builder, child *Formula, min int) bool {
	if child == nil {
		b.WriteString("<nil>")
		return false
	}
	if prec(child.Op) < min || child.Op == OpUntil {
		b.WriteByte('(')
		write(b, child)
		b.WriteByte(')')
		return true
	}
	write(b, child)
	return false
}

func arg(f *Formula, i int) *Formula {
	if i < len(f.Args) {
		return f.Args[i]
	}
	return nil
}

func write(b *strings.Builder, f *Formula) {
	switch f.Op {
	case OpTrue:
		b.WriteString("true")
	case OpFalse:
		b.WriteString("false")
	case OpAtom:
		b.WriteString(f.Atom.String())
	case OpNot:
		b.WriteByte('!')
		operand(b, arg(f, 0), 6)
	case OpEventually, OpAlways:
		if f.Op == OpEventually {
			b.WriteByte('F')
		} else {
			b.WriteByte('G')
		}
		writeBounds(b, f.Bounds)
		c := arg(f, 0)
		if c != nil && (prec(c.Op) < 6 || c.Op == OpUntil) {
			operand(b, c, 6)
			return
		}
		b.WriteByte(' ')
		operand(b, c, 6)
	case OpUntil:
		operand(b, arg(f, 0), 6)
		b.WriteString(" U")
		writeBounds(b, f.Bounds)
		b.WriteByte(' ')
		operand(b, arg(f, 1), 6)
	case OpAnd, OpOr:
		sep := " & "
		if f.Op == OpOr {
			sep = " | "
		}
		for i, a := range f.Args {
			if i > 0 {
				b.WriteString(sep)
			}
			operand(b, a, prec(f.Op)+1)
		}
	case OpImplies:
		operand(b, arg(f, 0), 3)
		b.WriteString(" -> ")
		operand(b, arg(f, 1), 2)
	case OpIff:
		operand(b, arg(f, 0), 1)
		b.WriteString(" <-> ")
		operand(b, arg(f, 1), 2)
	default:
		b.WriteString("<" + f.Op.String() + ">")
	}
}
