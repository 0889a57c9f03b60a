@NullMarked
package io.tongbao.channel.alipay;

import org.jspecify.annotations.NullMarked;
