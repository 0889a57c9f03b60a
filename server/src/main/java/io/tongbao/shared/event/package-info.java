@NullMarked
package io.tongbao.shared.event;

import org.jspecify.annotations.NullMarked;
