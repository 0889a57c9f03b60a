@NullMarked
package io.tongbao.shared.crypto;

import org.jspecify.annotations.NullMarked;
