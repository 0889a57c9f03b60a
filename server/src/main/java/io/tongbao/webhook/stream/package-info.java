@NullMarked
package io.tongbao.webhook.stream;

import org.jspecify.annotations.NullMarked;
