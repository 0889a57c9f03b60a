@NullMarked
package io.tongbao.shared.log;

import org.jspecify.annotations.NullMarked;
