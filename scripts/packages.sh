# Sourced by test.sh and bench.sh: splits the module's packages into those
# that run plainly (plain) and those that link Ebiten (display), whose test
# binaries open a window through GLFW at start-up and so need an X display
# (Xvfb on a headless machine).
plain=()
display=()
while read -r pkg deps; do
	case " $deps " in
	*" github.com/hajimehoshi/ebiten/v2 "*) display+=("$pkg") ;;
	*) plain+=("$pkg") ;;
	esac
done < <(go list -f '{{.ImportPath}} {{join .Deps " "}}' ./...)

# xvfb runs a command under a virtual X display of the size the desktop
# tests expect.
xvfb() {
	xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
}
