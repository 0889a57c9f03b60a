@NullMarked
package io.tongbao.shared.time;

import org.jspecify.annotations.NullMarked;
