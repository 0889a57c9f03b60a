@NullMarked
package io.tongbao.shared.id;

import org.jspecify.annotations.NullMarked;
