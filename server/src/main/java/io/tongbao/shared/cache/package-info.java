@NullMarked
package io.tongbao.shared.cache;

import org.jspecify.annotations.NullMarked;
