#!/usr/bin/env bash
# Renders docs/modules/components.puml (written by ModularityTests from the code; the test fails when this copy is
# stale) to components.svg, with PlantUML's own layout engine (smetana), so that no Graphviz is needed.
set -euo pipefail
cd "$(dirname "$0")"
version=1.2026.10
../../mvnw -q -ntp dependency:get -Dartifact=net.sourceforge.plantuml:plantuml-mit:$version
jar="$HOME/.m2/repository/net/sourceforge/plantuml/plantuml-mit/$version/plantuml-mit-$version.jar"
"${JAVA_HOME:-/usr}/bin/java" -Djava.awt.headless=true -jar "$jar" -Playout=smetana -tsvg components.puml
