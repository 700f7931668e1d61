//go:build !(js && wasm)

package ui

// installWakers: on desktop GLFW's text events already wake Ebiten's
// event-driven mode (glfwWaitEvents returns on them).
func installWakers() {}
