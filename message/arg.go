package message

// Arg is one variable part of a message: the name its templates use and the value.
type Arg struct {
	Name  string
	Value Value
}

// Value is a variable part that renders itself in either language.
type Value interface {
	Render(lang Lang) string
}

// With pairs a name with a value.
func With(name string, v Value) Arg { return Arg{Name: name, Value: v} }
