@NullMarked
package io.tongbao.channel.wechatpay;

import org.jspecify.annotations.NullMarked;
