@NullMarked
package io.tongbao.shared.money;

import org.jspecify.annotations.NullMarked;
